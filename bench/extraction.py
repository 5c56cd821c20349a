"""Extraction quality: snippet precision, recall and F1 of the product's page extraction and
cleaning, beside plain trafilatura and the settings the product used before.

Run from the repository root:

    .venv/bin/python -m bench.extraction             # the table, tuning and held-out sets
    .venv/bin/python -m bench.extraction --verbose   # plus every miss and every leak
    .venv/bin/python -m bench.extraction --sweep     # trafilatura settings, tuning set only

The pages (bench/data/extraction/pages/*.html, 41 news pages in English, Russian and
Armenian with data tables, live blogs, reader comments, related lists, cookie walls, share
bars, newsletter boxes; some in windows-1251) and their gold snippets (gold.json) come from
bench/data/extraction/make_pages.py. The "heldout" pages were set aside before tuning.

Scoring, as in trafilatura's own evaluation: a "must keep" snippet found in the output is a
true positive, one missing a false negative; a "must drop" snippet found is a false
positive. Counts are summed over the pages, then precision = TP / (TP + FP), recall =
TP / (TP + FN). Matching is casefolded with whitespace collapsed.

Systems:

    trafilatura     trafilatura.extract(html), its defaults (text output, comments and
                    tables on)
    old settings    the switches the product passed before: favor_precision, no tables, no
                    comments, the whole page when that gave nothing; through today's
                    news.clean (html_to_text, clean_text), so it isolates the switches.
                    (The product as it was, old cleaning included, scored 0.926 / 0.702 on
                    the tuning set and 0.895 / 0.708 held out: bench/README.md.)
    product         news.extract.extract_main_text, then news.clean.clean_text, as ingest
                    runs them
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from news.charset import decode
from news.clean import clean_text, html_to_text, normalize_whitespace
from news.extract import extract_main_text, extract_with

DATA = Path(__file__).resolve().parent / "data" / "extraction"


@dataclass(frozen=True)
class Page:
    name: str
    split: str
    lang: str
    title: str
    html: str
    keep: list[str]
    drop: list[str]


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_pages() -> list[Page]:
    gold = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
    return [
        Page(
            name=Path(item["file"]).stem,
            split=item["split"],
            lang=item["lang"],
            title=item["title"],
            html=decode((DATA / item["file"]).read_bytes(), "text/html").text,
            keep=item["keep"],
            drop=item["drop"],
        )
        for item in gold["pages"]
    ]


def fold(text: str) -> str:
    return " ".join(text.casefold().split())


def score(page: Page, output: str) -> tuple[Score, list[str], list[str]]:
    found = fold(output)
    missed = [s for s in page.keep if fold(s) not in found]
    leaked = [s for s in page.drop if fold(s) in found]
    return Score(len(page.keep) - len(missed), len(missed), len(leaked)), missed, leaked


# --- the systems ------------------------------------------------------------------------------


def plain_trafilatura(page: Page) -> str:
    return trafilatura.extract(page.html) or ""


def old_settings(page: Page) -> str:
    """news/extract.py's switches and fallback as they were before issue 12."""
    extracted = trafilatura.extract(
        page.html,
        output_format="html",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    text = html_to_text(extracted) if extracted else ""
    if not text:
        text = html_to_text(page.html)
    return clean_text(normalize_whitespace(text), title=page.title)


def product(page: Page) -> str:
    return clean_text(extract_main_text(page.html), title=page.title)


SYSTEMS: dict[str, Callable[[Page], str]] = {
    "trafilatura (defaults)": plain_trafilatura,
    "old settings": old_settings,
    "product": product,
}


def evaluate(pages: list[Page], system: Callable[[Page], str], verbose: bool = False) -> Score:
    total = Score()
    for page in pages:
        result, missed, leaked = score(page, system(page))
        total.add(result)
        if verbose and (missed or leaked):
            print(f"    {page.name}")
            for s in missed:
                print(f"      missed: {s}")
            for s in leaked:
                print(f"      leaked: {s}")
    return total


def report(pages: list[Page], verbose: bool) -> None:
    for split, label in (("tune", "tuning set"), ("heldout", "held-out set")):
        chosen = [p for p in pages if p.split == split]
        keeps = sum(len(p.keep) for p in chosen)
        drops = sum(len(p.drop) for p in chosen)
        print(f"\n{label}: {len(chosen)} pages, {keeps} must-keep, {drops} must-drop snippets")
        print(f"  {'system':<24} {'precision':>9} {'recall':>7} {'F1':>6}   TP   FN   FP")
        for name, system in SYSTEMS.items():
            if verbose:
                print(f"  {name}:")
            s = evaluate(chosen, system, verbose)
            print(
                f"  {name:<24} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}"
                f" {s.tp:>4} {s.fn:>4} {s.fp:>4}"
            )


def sweep(pages: list[Page]) -> None:
    """trafilatura's own switches through the product's path (news.extract.extract_with:
    tables as rows, then clean_text), without the fallbacks, on the tuning set only."""
    chosen = [p for p in pages if p.split == "tune"]
    print(f"tuning set, {len(chosen)} pages: news.extract.extract_with -> clean_text")
    print(f"  {'mode':<10} {'tables':<6} {'comments':<8} {'P':>6} {'R':>6} {'F1':>6}")
    for mode, tables, comments in itertools.product(
        ("precision", "balanced", "recall"), (False, True), (False, True)
    ):

        def run(
            page: Page, mode: str = mode, tables: bool = tables, comments: bool = comments
        ) -> str:
            text = extract_with(
                page.html,
                favor_precision=mode == "precision",
                favor_recall=mode == "recall",
                include_tables=tables,
                include_comments=comments,
            )
            return clean_text(text, title=page.title)

        s = evaluate(chosen, run)
        print(
            f"  {mode:<10} {tables!s:<6} {comments!s:<8}"
            f" {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and leak")
    parser.add_argument("--sweep", action="store_true", help="trafilatura settings, tuning set")
    args = parser.parse_args()
    pages = load_pages()
    if args.sweep:
        sweep(pages)
    else:
        report(pages, args.verbose)


if __name__ == "__main__":
    main()
