"""Story matching across outlets, paraphrase and English, Russian and Armenian.

On the labelled corpus of bench/storycorpus.py (84 events, 42 hard-negative pairs: same
actors, different event, hours to a week apart), prints pairwise precision, recall and F1
of the stories found, overall and per language pair, and the precision on hard negatives
(the share of report pairs across twin events kept apart), for the tuning set and the
held-out set apart. Both matchers are measured: the brief clustering (news.cluster) and the
ingest linking (news.story_index; an article joins the story of the article it links to).
Then the linking cost per article with 10,000 articles in the index.

Targets: F1 >= 0.90, recall >= 0.80 on every cross-language pair, hard-negative precision
>= 0.95, linking p95 <= 2 ms.

    .venv/bin/python -m bench.stories [--seed 13]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import time
from collections import defaultdict
from dataclasses import replace

from bench.storycorpus import DAY, HOUR, Corpus, Report, build
from news.cluster import StoryItem, clear_caches, cluster_stories
from news.story_index import StoryIndex

PAIRS = ["en-en", "en-ru", "en-hy", "ru-ru", "ru-hy", "hy-hy"]


def _pair(a: str, b: str) -> str:
    order = {"en": 0, "ru": 1, "hy": 2}
    first, second = sorted((a, b), key=order.__getitem__)
    return f"{first}-{second}"


def clusters_by_cluster(reports: list[Report]) -> dict[int, int]:
    stories = cluster_stories([r.item for r in reports], window_hours=48)
    return {item.id: story.id for story in stories for item in story.items}


def clusters_by_index(reports: list[Report]) -> dict[int, int]:
    index = StoryIndex(window_hours=48)
    parent: dict[int, int] = {}
    items = sorted((r.item for r in reports), key=lambda i: (i.published_at, i.id))
    for item in items:  # one article per poll, as feeds bring them
        found = index.link([item], keep=True)
        parent[item.id] = parent.get(found[item.id], found[item.id]) if found else item.id
    return parent


def score(reports: list[Report], found: dict[int, int], corpus: Corpus) -> dict[str, float]:
    twins = {frozenset(pair) for pair in corpus.twins}
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    hard_total = hard_merged = 0
    for a, b in itertools.combinations(reports, 2):
        key = _pair(a.language, b.language)
        same = a.event == b.event
        joined = found[a.item.id] == found[b.item.id]
        if same and joined:
            tp[key] += 1
        elif same:
            fn[key] += 1
        elif joined:
            fp[key] += 1
        if frozenset((a.event, b.event)) in twins:
            hard_total += 1
            hard_merged += joined
    out: dict[str, float] = {}
    for key in ["all", *PAIRS]:
        t = sum(tp.values()) if key == "all" else tp[key]
        f_p = sum(fp.values()) if key == "all" else fp[key]
        f_n = sum(fn.values()) if key == "all" else fn[key]
        precision = t / (t + f_p) if t + f_p else 1.0
        recall = t / (t + f_n) if t + f_n else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[f"{key} precision"] = precision
        out[f"{key} recall"] = recall
        out[f"{key} f1"] = f1
    out["hard-negative precision"] = 1 - hard_merged / hard_total if hard_total else 1.0
    out["hard pairs"] = hard_total
    return out


def report(name: str, reports: list[Report], corpus: Corpus) -> None:
    for matcher, run in (("cluster", clusters_by_cluster), ("index", clusters_by_index)):
        clear_caches()
        result = score(reports, run(reports), corpus)
        print(
            f"{name:9} {matcher:8} F1 {result['all f1']:.3f}  P {result['all precision']:.3f}"
            f"  R {result['all recall']:.3f}  hard-negative P "
            f"{result['hard-negative precision']:.3f} ({int(result['hard pairs'])} pairs)"
        )
        print(
            "          "
            + "  ".join(
                f"{key} P {result[key + ' precision']:.2f} R {result[key + ' recall']:.2f}"
                for key in PAIRS
            )
        )


def linking_cost(
    seed: int, window: int = 10_000, probes: int = 300
) -> tuple[list[float], list[float]]:
    """Milliseconds (wall clock, and CPU time of this thread, which a busy machine does not
    inflate) to link one new article against `window` kept articles."""
    rng = random.Random(seed)
    base = build(seed + 1000, families=60)
    items: list[StoryItem] = []
    # Many more articles than the corpus holds: its reports again with new ids, other
    # figures and spread over 48 hours, as a busy window would be.
    number = 0
    while len(items) < window + probes:
        for r in base.reports:
            number += 1
            shift = rng.randint(0, 47) * HOUR
            text = r.item.text.replace("4", str(rng.randint(10, 99)))
            items.append(
                replace(r.item, id=number, text=text, published_at=r.item.published_at + shift)
            )
    kept, new = items[:window], items[window : window + probes]
    index = StoryIndex(window_hours=10 * DAY / HOUR, capacity=window + probes)
    index.add(kept)
    wall: list[float] = []
    cpu: list[float] = []
    for item in new:
        started, started_cpu = time.perf_counter(), time.thread_time()
        index.link([item])
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-cost", action="store_true", help="skip the linking cost")
    args = parser.parse_args()
    corpus = build(args.seed)
    tuning = [r for r in corpus.reports if r.event not in corpus.held_out]
    held = [r for r in corpus.reports if r.event in corpus.held_out]
    print(
        f"corpus: {len({r.event for r in corpus.reports})} events, {len(corpus.reports)} "
        f"reports, {len(corpus.twins)} hard-negative event pairs; held out "
        f"{len(corpus.held_out)} events"
    )
    report("tuning", tuning, corpus)
    report("held-out", held, corpus)
    report("all", corpus.reports, corpus)
    if not args.no_cost:
        wall, cpu = linking_cost(args.seed)
        for name, costs in (("wall", sorted(wall)), ("CPU", sorted(cpu))):
            p95 = costs[int(len(costs) * 0.95)]
            print(
                f"linking with 10,000 articles in the window ({name}): p50 "
                f"{statistics.median(costs):.2f} ms, p95 {p95:.2f} ms (target <= 2 ms)"
            )


if __name__ == "__main__":
    main()
