from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from news.dedupe import CONTENT_KEY_CHARS, content_key, guid_key, url_key

FEED = "https://herald.example/rss.xml"
OTHER_FEED = "https://wire.example/atom.xml"
REPO = Path(__file__).resolve().parents[1]

# Keys are stored in databases: these exact values must survive refactoring. If a change
# is intended, bump the key version prefix instead of editing these.
PINNED = {
    ("guid", FEED, "tag:herald.example,2026:1"):
        "g1:9dddf937254f38f1e3b7f204bc82bed1c01b9b49877982a4ab19c5292e5e3d83",
    ("guid", FEED, "1234"):
        "g1:7ee03dd0d143b4bc422773fd5b45ae4822e62de4901d57c2c39edea693402db0",
    ("url", "https://herald.example/news/1", ""):
        "u1:fdbe40d34e83669bba424bd946fc309e34d5524a3a4c5f70413168f1e7608e56",
    ("content", "T", "Body text."):
        "c1:c1185657ca783bbd0cd15afba0698213ddf2d14d7c5fcde5e4cb93d81585ed9f",
}


def _key(kind: str, a: str, b: str) -> str | None:
    if kind == "guid":
        return guid_key(a, b)
    if kind == "url":
        return url_key(a)
    return content_key(a, b)


@pytest.mark.parametrize(("args", "expected"), list(PINNED.items()))
def test_keys_are_pinned(args: tuple[str, str, str], expected: str) -> None:
    assert _key(*args) == expected


def test_keys_do_not_depend_on_hash_randomisation() -> None:
    code = (
        "from news.dedupe import guid_key, content_key;"
        f"print(guid_key({FEED!r}, '1234'), content_key('t', 'Body text.'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}, cwd=REPO,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


@pytest.mark.parametrize("guid", [None, "", "   "])
def test_no_guid_no_key(guid: str | None) -> None:
    assert guid_key(FEED, guid) is None


@pytest.mark.parametrize(
    "guid",
    [
        "https://herald.example/news/1",
        "http://herald.example/?p=1",
        "tag:herald.example,2026:1",
        "urn:uuid:7f1d3c3e-1f0b-4c55-9a3b-0d1f2b3c4d5e",
        "TAG:herald.example,2026:2",
    ],
)
def test_global_guids_are_the_same_in_every_feed(guid: str) -> None:
    assert guid_key(FEED, guid) == guid_key(OTHER_FEED, guid)
    assert guid_key(FEED, guid) == guid_key(FEED, f"  {guid} ")


@pytest.mark.parametrize("guid", ["1234", "yh-story-1", "/news/1", "ftp://x.example/1"])
def test_local_guids_are_scoped_to_their_feed(guid: str) -> None:
    assert guid_key(FEED, guid) != guid_key(OTHER_FEED, guid)
    # The feed URL is compared in canonical form.
    assert guid_key(FEED, guid) == guid_key("HTTPS://Herald.example:443/rss.xml#x", guid)


def test_guid_keys_are_case_sensitive() -> None:
    assert guid_key(FEED, "abc") != guid_key(FEED, "ABC")


def test_url_key() -> None:
    assert url_key("https://a.example/1").startswith("u1:")
    assert url_key("https://a.example/1") != url_key("https://a.example/2")


def test_content_key_ignores_case_punctuation_and_spacing() -> None:
    a = content_key("Title", "The CSTO met, on Monday.\n\nArmenia — absent!")
    b = content_key("Another title", "the csto met on monday armenia absent")
    c = content_key("", "  THE  CSTO MET…  ON   MONDAY;\nARMENIA: ABSENT")
    assert a == b == c
    assert a.startswith("c1:")


def test_content_key_uses_body_prefix_only() -> None:
    body = "word " * CONTENT_KEY_CHARS
    assert content_key("t", body + "tail one") == content_key("t", body + "tail two")
    assert content_key("t", "start one " + body) != content_key("t", "start two " + body)


def test_content_key_falls_back_to_title() -> None:
    assert content_key("Same Title!", "") == content_key("same title", "  ")
    assert content_key("Same Title", "") != content_key("Other Title", "")
    # A title-only key never collides with a body key of the same words.
    assert content_key("Words here", "") != content_key("", "Words here")


def test_content_key_scripts() -> None:
    # Casefolding also spells the "և" ligature out as "եւ", as older texts write it.
    assert content_key("", "ՀԱՊԿ ԵՒ ՀԱՅԱՍՏԱՆ") == content_key("", "ՀԱՊԿ և Հայաստան")
    assert content_key("", "ОДКБ И АРМЕНИЯ") == content_key("", "ОДКБ и Армения")
