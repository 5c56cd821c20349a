"""Summary quality: ROUGE-1 and ROUGE-2 F1 of news.summary.summarize against lead baselines.

Run from the repository root:

    .venv/bin/python -m bench.summary_quality             # averages
    .venv/bin/python -m bench.summary_quality --verbose   # plus every article's summaries

The articles and their reference summaries (two sentences each, written as an editor would)
are in bench/summary_articles.py. ROUGE-N F1 is computed here: n-grams of casefolded letter
and digit runs (news.textstats.tokens, any script, no stemming, stop words kept), clipped
overlap counts, F1 of precision and recall against the one reference.

Systems:

    summarize      summarize(text, title=title), the defaults (up to 3 sentences, 600 chars)
    summarize-2    summarize(text, title=title, max_sentences=2)
    lead-3         the first 3 sentences of split_sentences(text), as they come (a naive
                   lead takes the byline, the dateline or a caption when the page has one)
    lead-2         the first 2 the same way

Besides ROUGE it counts the summaries that quote page chrome (a dateline, byline, caption or
footer, as news.sentences detects them), which ROUGE barely penalises but a reader sees.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Sequence

from bench.summary_articles import ARTICLES, Article
from news.sentences import is_chrome
from news.summary import split_sentences, strip_dateline, summarize
from news.textstats import tokens


def ngrams(words: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def rouge_f1(candidate: str, reference: str, n: int) -> float:
    """ROUGE-N F1 of one candidate against one reference."""
    got = ngrams(tokens(candidate), n)
    want = ngrams(tokens(reference), n)
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(got.values())
    recall = overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


SYSTEMS: dict[str, Callable[[Article], list[str]]] = {
    "summarize": lambda a: summarize(a.text, title=a.title),
    "summarize-2": lambda a: summarize(a.text, title=a.title, max_sentences=2),
    "lead-3": lambda a: split_sentences(a.text)[:3],
    "lead-2": lambda a: split_sentences(a.text)[:2],
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every summary")
    args = parser.parse_args(argv)

    # rouge-1, rouge-2, words, summaries quoting chrome
    totals = {name: [0.0, 0.0, 0.0, 0.0] for name in SYSTEMS}
    for number, article in enumerate(ARTICLES, start=1):
        reference = " ".join(article.reference)
        if args.verbose:
            print(f"\n#{number} {article.title}\n  reference: {reference}")
        for name, system in SYSTEMS.items():
            sentences = system(article)
            summary = " ".join(sentences)
            totals[name][3] += any(is_chrome(s) or strip_dateline(s) != s for s in sentences)
            r1, r2 = rouge_f1(summary, reference, 1), rouge_f1(summary, reference, 2)
            totals[name][0] += r1
            totals[name][1] += r2
            totals[name][2] += len(tokens(summary))
            if args.verbose:
                print(f"  {name:<12} R1 {r1:.3f} R2 {r2:.3f}  {summary}")

    count = len(ARTICLES)
    print(f"\n{count} articles, reference summaries of 2 sentences "
          f"({sum(len(tokens(' '.join(a.reference))) for a in ARTICLES) / count:.0f} words "
          "on average)\n")
    print(f"{'system':<12} {'ROUGE-1 F1':>10} {'ROUGE-2 F1':>10} {'words':>6} {'chrome':>7}")
    for name, (r1, r2, words, chrome) in totals.items():
        print(
            f"{name:<12} {r1 / count:>10.3f} {r2 / count:>10.3f} {words / count:>6.0f} "
            f"{chrome:>4.0f}/{count}"
        )
    print("\nwords: average summary length; chrome: summaries that quote a dateline, byline, "
          "caption or footer (as news.sentences detects them)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
