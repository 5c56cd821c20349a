"""The one translation layer: every word the bot says to a person goes through `Translator`.

Message ids are the English text with named `{placeholders}`. Catalogs are gettext `.po`
files in `bot/locales/`, read with Babel when first needed, so a fresh clone needs no compile
step. A missing catalog or message falls back to English.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_datetime, format_timedelta
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.plural import PluralRule

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "hy": "Հայերեն"}

log = logging.getLogger(__name__)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where shown."""
    return message


@cache
def _catalog_languages() -> tuple[str, ...]:
    """Read once: every translation call asks, and the folder does not change at run time."""
    found = {path.stem for path in LOCALES_DIR.glob("*.po")} if LOCALES_DIR.exists() else set()
    known = [code for code in LANGUAGE_NAMES if code == DEFAULT_LANGUAGE or code in found]
    return (*known, *sorted(found - set(known)))


def supported_languages() -> list[str]:
    """English first, then every language with a catalog, in a fixed order."""
    return list(_catalog_languages())


def pick_language(code: str | None) -> str:
    """A supported language for a Telegram language_code such as "ru" or "en-US"."""
    if code:
        base = code.replace("_", "-").split("-")[0].lower()
        if base in supported_languages():
            return base
    return DEFAULT_LANGUAGE


@cache
def _catalog(language: str) -> Catalog | None:
    path = LOCALES_DIR / f"{language}.po"
    if language == DEFAULT_LANGUAGE or not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


@dataclass(frozen=True)
class Translator:
    language: str

    def __call__(self, message: str, /, **values: Any) -> str:
        """Translate `message` and fill its placeholders."""
        text = message
        catalog = _catalog(self.language)
        if catalog is not None:
            entry = catalog.get(message)
            if entry is not None and isinstance(entry.string, str) and entry.string:
                text = entry.string
        return _fill(text, message, values)

    def plural(self, singular: str, plural: str, count: int, /, **values: Any) -> str:
        """Translate a message whose form depends on `count` (passed as {count} too)."""
        values = {"count": count, **values}
        catalog = _catalog(self.language)
        if catalog is not None:
            entry = catalog.get((singular, plural)) or catalog.get(singular)
            forms = entry.string if entry is not None else None
            if isinstance(forms, tuple | list) and all(forms):
                category = _plural_rule(self.language)(count)
                index = _plural_index(self.language, category, len(forms))
                return _fill(forms[index], singular, values)
        return _fill(singular if count == 1 else plural, singular, values)

    def relative_time(self, when: int, *, now: int) -> str:
        """'5 minutes ago' in this language."""
        delta = timedelta(seconds=max(0, now - when))
        if delta < timedelta(minutes=1):
            tr = self
            return tr("just now")
        return format_timedelta(-delta, add_direction=True, format="long", locale=self.language)

    def number(self, value: int) -> str:
        """1,200 / 1 200 / 1 200, as the language writes it."""
        return format_decimal(value, locale=self.language)

    def date_time(self, when: int, *, timezone: str = "UTC") -> str:
        moment = datetime.fromtimestamp(when, tz=UTC)
        return format_datetime(
            moment, format="medium", tzinfo=ZoneInfo(timezone), locale=self.language
        )


def translator(language: str | None) -> Translator:
    return Translator(pick_language(language))


@cache
def _plural_rule(language: str) -> PluralRule:
    """Parsed once: plural messages are on the path of every list and digest."""
    return PluralRule.parse(Locale.parse(language).plural_form)


# gettext catalogs order plural forms by their Plural-Forms expression: Russian has
# one/few/many, Armenian and English one/other.
def _plural_index(language: str, category: str, forms: int) -> int:
    if forms == 1:
        return 0
    if language == "ru":
        return {"one": 0, "few": 1}.get(category, 2 if forms > 2 else 1)
    return 0 if category == "one" else min(1, forms - 1)


def _fill(text: str, fallback: str, values: dict[str, Any]) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        # A broken translation must never stop a reply: fall back to the English text.
        log.warning("broken placeholder in translation of %r", fallback[:60])
        return fallback.format(**values)
