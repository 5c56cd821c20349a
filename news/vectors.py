"""Sparse TF-IDF vectors (plain dicts) and their cosine similarity.

Vectors are unit length, so cosine is a dot product over the shorter of the two.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

Vector = dict[str, float]

# Virtual documents that contain none of the terms. They keep IDF meaningful for a handful
# of documents: two articles on one event share most terms, and a plain log(N / df) would
# weigh exactly those shared terms down to almost nothing. With hundreds of documents they
# barely matter and IDF behaves as usual.
PSEUDO_DOCUMENTS = 30


def counts(terms: Iterable[str], weight: float = 1.0, into: Vector | None = None) -> Vector:
    """Term counts, each occurrence adding `weight`, accumulated into `into` if given."""
    out: Vector = {} if into is None else into
    for term in terms:
        out[term] = out.get(term, 0.0) + weight
    return out


class Idf:
    """Inverse document frequencies over a set of documents (each a collection of terms)."""

    def __init__(self, documents: Iterable[Iterable[str]]) -> None:
        df: dict[str, int] = {}
        n = 0
        for document in documents:
            n += 1
            for term in set(document):
                df[term] = df.get(term, 0) + 1
        self.documents = n
        total = n + PSEUDO_DOCUMENTS
        self.weights: dict[str, float] = {t: math.log(total / f) for t, f in df.items()}
        # A term no document had: as rare as it gets.
        self.unseen = math.log(total)

    def vector(self, tf: Mapping[str, float]) -> Vector:
        """Unit TF-IDF vector of term counts, with sublinear term frequency so a word
        repeated ten times does not drown the rest."""
        weights = self.weights
        unseen = self.unseen
        return unit(
            {term: _sublinear(count) * weights.get(term, unseen) for term, count in tf.items()}
        )


class LiveIdf:
    """Inverse document frequencies over documents that come and go (the recent articles
    a new one is compared with), weighted as Idf weighs them."""

    def __init__(self) -> None:
        self.df: dict[str, int] = {}
        # log(df) of each term, kept as df changes: weighing a vector then takes no log.
        self._log_df: dict[str, float] = {}
        self.documents = 0

    def add(self, terms: Iterable[str]) -> None:
        self.documents += 1
        df = self.df
        log_df = self._log_df
        for term in terms:
            count = df.get(term, 0) + 1
            df[term] = count
            log_df[term] = math.log(count)

    def remove(self, terms: Iterable[str]) -> None:
        self.documents -= 1
        df = self.df
        log_df = self._log_df
        for term in terms:
            left = df.get(term, 0) - 1
            if left > 0:
                df[term] = left
                log_df[term] = math.log(left)
            else:
                df.pop(term, None)
                log_df.pop(term, None)

    def weights(self, tf: Mapping[str, float]) -> Vector:
        """TF-IDF weights of term counts (not unit length: enough to rank them)."""
        log_total = math.log(self.documents + PSEUDO_DOCUMENTS)
        log_df = self._log_df
        return {
            term: (count if count <= 1.0 else 1.0 + math.log(count))
            * (log_total - log_df.get(term, 0.0))
            for term, count in tf.items()
        }

    def vector(self, tf: Mapping[str, float]) -> Vector:
        return unit(self.weights(tf))


def _sublinear(count: float) -> float:
    return 1.0 + math.log(count) if count > 1.0 else count


def unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    if norm == 0.0:
        return {}
    return {t: w / norm for t, w in vector.items()}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(w * get(t, 0.0) for t, w in a.items())


def add(into: Vector, vector: Mapping[str, float], scale: float = 1.0) -> None:
    for term, weight in vector.items():
        into[term] = into.get(term, 0.0) + weight * scale


def top_terms(vector: Mapping[str, float], n: int) -> list[str]:
    """The `n` heaviest terms; ties broken by the term so the choice is deterministic."""
    return [t for t, _ in sorted(vector.items(), key=lambda tw: (-tw[1], tw[0]))[:n]]
