"""Writes the evaluation pages (pages/*.html) and their gold snippets (gold.json) from the
hand-written articles (articles.py) and site layouts (skins.py).

    .venv/bin/python bench/data/extraction/make_pages.py

Gold snippets: from every paragraph and live-blog entry a run of about eight words taken from
its middle, from every table row its label cell (and its widest figure), all "must keep";
every piece of chrome a skin added, every related headline and every reader comment "must
drop". A snippet is only used when it occurs exactly once in the page's visible text, so a
hit can only come from the place it was taken from.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))

from articles import ARTICLES  # noqa: E402
from skins import SKINS, Article  # noqa: E402

from news.clean import html_to_text  # noqa: E402

WINDOW_WORDS = 8


def fold(text: str) -> str:
    return " ".join(text.casefold().split())


def middle_run(text: str) -> str:
    words = text.split()
    if len(words) <= WINDOW_WORDS + 2:
        return text.strip()
    start = (len(words) - WINDOW_WORDS) // 2
    return " ".join(words[start : start + WINDOW_WORDS]).strip(" ,;:“”«»\"")


def keep_snippets(article: Article) -> list[str]:
    keep = [middle_run(p) for p in article.paras]
    keep += [middle_run(text) for _, text in article.live]
    if article.table is not None:
        for row in article.table[1][1:]:
            keep.append(row[0])
            widest = max(row[1:], key=len)
            if len(widest) >= 4:
                keep.append(widest)
    return keep


def main() -> None:
    pages_dir = HERE / "pages"
    pages_dir.mkdir(exist_ok=True)
    gold = []
    for article in ARTICLES:
        page = SKINS[article.skin](article)
        visible = fold(html_to_text(page.html))
        keep = [s for s in keep_snippets(article) if visible.count(fold(s)) == 1]
        drop = [s for s in dict.fromkeys(page.drop) if visible.count(fold(s)) == 1]
        path = pages_dir / f"{article.id}.html"
        path.write_bytes(page.html.encode(article.encoding))
        gold.append(
            {
                "file": f"pages/{path.name}",
                "lang": article.lang,
                "skin": article.skin,
                "split": article.split,
                "title": article.title,
                "keep": keep,
                "drop": drop,
            }
        )
    (HERE / "gold.json").write_text(
        json.dumps({"pages": gold}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    counts = {s: sum(1 for g in gold if g["split"] == s) for s in ("tune", "heldout")}
    keeps = sum(len(g["keep"]) for g in gold)
    drops = sum(len(g["drop"]) for g in gold)
    print(f"{len(gold)} pages ({counts}), {keeps} keep and {drops} drop snippets")


if __name__ == "__main__":
    main()
