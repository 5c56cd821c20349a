"""The ingest benchmark's report: figures against their targets, then the breakdown."""

from __future__ import annotations

import os
import platform
import statistics
from collections import Counter
from dataclasses import dataclass, field

import feedparser

from bench.common import peak_rss_mb
from bench.ingestcorpus import ITEMS_PER_FEED, TOTAL_ENTRIES, FeedDoc
from bench.ingeststages import STAGE_ORDER, Stages

TARGET_RATE = 1000.0  # entries per second, on 2 cores
TARGET_RATIO = 2.0  # pipeline time at most this many times feedparser.parse alone


@dataclass
class Figures:
    """Seconds per repeat of each measurement."""

    pipeline: list[float] = field(default_factory=list)
    parse: list[float] = field(default_factory=list)
    pipeline_cpu: list[float] = field(default_factory=list)
    parse_cpu: list[float] = field(default_factory=list)
    stages: list[Stages] = field(default_factory=list)
    setup: list[float] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        self.pipeline += other.pipeline
        self.parse += other.parse
        self.pipeline_cpu += other.pipeline_cpu
        self.parse_cpu += other.parse_cpu
        self.stages += other.stages
        self.setup += other.setup


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _best_median(values: list[float]) -> str:
    return f"{min(values):>10.2f}{statistics.median(values):>10.2f}"


def report(docs: list[FeedDoc], figures: Figures) -> None:
    _header(docs, repeats=len(figures.pipeline))
    _figures(figures, feeds=len(docs))
    if figures.stages:
        _breakdown(figures.stages, pipeline_median=statistics.median(figures.pipeline))
    print()
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


def _header(docs: list[FeedDoc], *, repeats: int) -> None:
    total_bytes = sum(len(d.body) for d in docs)
    kinds = Counter(d.kind for d in docs)
    cpus = os.cpu_count() or 0
    print(
        f"ingest benchmark: {TOTAL_ENTRIES} entries in {len(docs)} feeds "
        f"({kinds['rss']} RSS 2.0, {kinds['atom']} Atom, {ITEMS_PER_FEED} items each), "
        f"{total_bytes / 1e6:.1f} MB of XML"
    )
    print(
        f"python {platform.python_version()}, feedparser {feedparser.__version__}, "
        f"{cpus} CPU(s), {repeats} repeats; times are best / median"
    )
    print()


def _figures(figures: Figures, *, feeds: int) -> None:
    pipeline, parse = figures.pipeline, figures.parse
    p_best, p_med = min(pipeline), statistics.median(pipeline)
    f_best, f_med = min(parse), statistics.median(parse)
    rate_best, rate_med = TOTAL_ENTRIES / p_best, TOTAL_ENTRIES / p_med
    ratio_best, ratio_med = p_best / f_best, p_med / f_med
    print(f"{'measurement':<34}{'best':>10}{'median':>10}   {'target':<22}result")
    print("-" * 84)
    print(f"{'pipeline poll_all (s)':<34}{p_best:>10.2f}{p_med:>10.2f}")
    print(
        f"{'pipeline entries/s':<34}{rate_best:>10.0f}{rate_med:>10.0f}   "
        f"{f'>= {TARGET_RATE:.0f}/s on 2 cores':<22}{_verdict(rate_med >= TARGET_RATE)}"
    )
    print(f"{'feedparser.parse alone (s)':<34}{f_best:>10.2f}{f_med:>10.2f}")
    print(
        f"{'feedparser entries/s':<34}{TOTAL_ENTRIES / f_best:>10.0f}{TOTAL_ENTRIES / f_med:>10.0f}"
    )
    print(
        f"{'pipeline / feedparser':<34}{ratio_best:>9.2f}x{ratio_med:>9.2f}x   "
        f"{f'<= {TARGET_RATIO:.1f}x':<22}{_verdict(ratio_med <= TARGET_RATIO)}"
    )
    p_cpu, f_cpu = figures.pipeline_cpu, figures.parse_cpu
    print(f"{'pipeline CPU s (all threads)':<34}{_best_median(p_cpu)}")
    print(f"{'feedparser CPU s':<34}{_best_median(f_cpu)}")
    print(
        f"{'CPU ratio pipeline / feedparser':<34}{min(p_cpu) / min(f_cpu):>9.2f}x"
        f"{statistics.median(p_cpu) / statistics.median(f_cpu):>9.2f}x   "
        "(steadier than wall time on a busy machine)"
    )
    print(
        f"{'pipeline ms per feed (200 entries)':<34}{p_best / feeds * 1e3:>10.0f}"
        f"{p_med / feeds * 1e3:>10.0f}"
    )
    print(f"{'setup + teardown, untimed (s)':<34}{_best_median(figures.setup)}")


def _breakdown(stages: list[Stages], *, pipeline_median: float) -> None:
    p_med = pipeline_median
    print()
    print(
        f"breakdown: the pipeline's own stages timed one by one, one feed at a time, inline, "
        f"on {stages[0].entries} entries (median of {len(stages)}); s = µs/entry x "
        f"{TOTAL_ENTRIES}, share of the pipeline median"
    )
    print(f"{'stage':<14}{'s':>7}{'share':>8}{'µs/entry':>10}   what")
    print("-" * 84)
    total = 0.0
    for name, what in STAGE_ORDER:
        seconds = statistics.median(s.per_entry(name) for s in stages) * TOTAL_ENTRIES
        total += seconds
        print(
            f"{name:<14}{seconds:>7.2f}{seconds / p_med:>8.0%}"
            f"{seconds / TOTAL_ENTRIES * 1e6:>10.0f}   {what}"
        )
    rest = p_med - total
    print(f"{'sum':<14}{total:>7.2f}{total / p_med:>8.0%}{total / TOTAL_ENTRIES * 1e6:>10.0f}")
    print(
        f"{'unaccounted':<14}{rest:>7.2f}{rest / p_med:>8.0%}"
        f"{rest / TOTAL_ENTRIES * 1e6:>10.0f}   "
        "pipeline minus sum: event loop, thread hand-offs, worker processes (< 0 when "
        "the pipeline overlaps waits with other feeds' work or runs on both cores)"
    )
