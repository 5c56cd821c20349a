"""The Russian and Armenian catalogs cover every message the code uses, and cover it well.

Messages are extracted from the source at test time (the same keywords as `make messages`),
so a new `tr(...)` that nobody translated fails here even when messages.pot is stale.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, supported_languages, translator

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("bot", "handlers")
KEYWORDS = {"tr": None, "plural": (1, 2), "N_": None}
# Language -> how many plural forms its catalog must give (Russian one/few/many).
PLURAL_FORMS = {"ru": 3, "hy": 2}
LANGUAGES = sorted(PLURAL_FORMS)
SCRIPTS = {"ru": re.compile(r"[А-Яа-яЁё]"), "hy": re.compile(r"[\u0531-\u0556\u0561-\u0587]")}
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")

MessageId = str | tuple[str, ...]


@cache
def used_messages() -> dict[MessageId, str]:
    """Every message id the code marks for translation, with where it is used."""
    found: dict[MessageId, str] = {}
    for folder in SOURCE_DIRS:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.setdefault(message, f"{folder}/{filename}:{lineno}")
    return found


@cache
def catalog(language: str) -> Catalog:
    with (LOCALES_DIR / f"{language}.po").open("rb") as handle:
        return read_po(handle, locale=language, abort_invalid=True)


def raw_plural_indices(language: str) -> dict[str, list[int]]:
    """msgid_plural -> the msgstr[N] indices written in the file (Babel pads or drops forms
    to fit the header's nplurals, so the count is checked on the text itself)."""
    text = (LOCALES_DIR / f"{language}.po").read_text(encoding="utf-8")
    found: dict[str, list[int]] = {}
    for block in re.split(r"\n\s*\n", text):
        plural = re.search(r"^msgid_plural (.*)$", block, re.MULTILINE)
        if plural:
            indices = re.findall(r"^msgstr\[(\d+)\]", block, re.MULTILINE)
            found[plural.group(1)] = [int(n) for n in indices]
    return found


def entries(language: str) -> list[Message]:
    return [message for message in catalog(language) if message.id]


def forms(message: Message) -> list[str]:
    value = message.string
    return list(value) if isinstance(value, tuple | list) else [value]


def ids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple | list) else [message.id]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def tags(text: str) -> Counter[str]:
    return Counter(HTML_TAG.findall(text))


def test_extraction_finds_the_messages() -> None:
    used = used_messages()
    assert "just now" in used and ("{count} story", "{count} stories") in used


def test_both_catalogs_are_offered() -> None:
    assert set(LANGUAGES) <= set(supported_languages())


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_has_every_message_the_code_uses(language: str) -> None:
    known = catalog(language)
    missing = []
    for message_id, where in used_messages().items():
        entry = known.get(message_id)
        if entry is None or entry.id != message_id:
            missing.append(f"{where}: {message_id!r}")
    assert not missing, f"{language}.po lacks:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_declares_language_and_plural_forms(language: str) -> None:
    known = catalog(language)
    assert str(known.locale) == language
    assert known.num_plurals == PLURAL_FORMS[language]
    assert known.charset.lower() == "utf-8"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_empty_or_fuzzy(language: str) -> None:
    bad = [
        message.id
        for message in entries(language)
        if message.fuzzy or not all(form and form.strip() for form in forms(message))
    ]
    assert not bad, f"empty or fuzzy in {language}.po: {bad}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_entries_have_every_form(language: str) -> None:
    wrong = {
        message.id: len(forms(message))
        for message in entries(language)
        if message.pluralizable and len(forms(message)) != PLURAL_FORMS[language]
    }
    assert not wrong, f"{language}.po needs {PLURAL_FORMS[language]} plural forms: {wrong}"
    written = raw_plural_indices(language)
    assert written, f"{language}.po has no plural entries"
    expected = list(range(PLURAL_FORMS[language]))
    wrong_in_file = {msgid: found for msgid, found in written.items() if found != expected}
    assert not wrong_in_file, f"{language}.po needs msgstr{expected}: {wrong_in_file}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match(language: str) -> None:
    wrong = []
    for message in entries(language):
        expected = set().union(*(placeholders(text) for text in ids(message)))
        for form in forms(message):
            if placeholders(form) != expected:
                wrong.append((message.id, form))
    assert not wrong, f"placeholders differ in {language}.po: {wrong}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_tags_match(language: str) -> None:
    wrong = []
    for message in entries(language):
        expected = tags(ids(message)[0])
        for form in forms(message):
            if tags(form) != expected:
                wrong.append((message.id, form))
    assert not wrong, f"HTML tags differ in {language}.po: {wrong}"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 материал"),
        (2, "2 материала"),
        (5, "5 материалов"),
        (11, "11 материалов"),
        (21, "21 материал"),
        (22, "22 материала"),
        (25, "25 материалов"),
    ],
)
def test_russian_plural_forms(count: int, expected: str) -> None:
    assert translator("ru").plural("{count} story", "{count} stories", count) == expected


@pytest.mark.parametrize("count", [1, 2, 5, 21])
def test_armenian_plural_forms(count: int) -> None:
    assert translator("hy").plural("{count} story", "{count} stories", count) == f"{count} նյութ"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("seconds", [10, 5 * 60, 3 * 3600, 2 * 86400])
def test_relative_time_is_in_the_language(language: str, seconds: int) -> None:
    text = translator(language).relative_time(1_000_000, now=1_000_000 + seconds)
    assert SCRIPTS[language].search(text), text
