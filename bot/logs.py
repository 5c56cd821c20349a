"""Logging: one line per event, text or JSON, with every secret redacted."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable

REDACTED = "[REDACTED]"
# Line breaks, terminal escapes and other control characters: in a message they could end
# the line and write a fake one (a feed URL with a newline), or recolour a terminal.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# JSON escapes the C0 controls itself, but not these, which some readers take as line ends.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")
# Lines of a traceback are indented, so every line at the margin starts a real event.
TRACEBACK_INDENT = "    "


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then removes secrets from the whole line, tracebacks included:
    python-telegram-bot's InvalidToken message, for one, carries the token."""

    def __init__(self, secrets: Iterable[str], *, as_json: bool = False) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        self.as_json = as_json

    def format(self, record: logging.LogRecord) -> str:
        if self.as_json:
            payload = {
                "time": self.formatTime(record),
                "level": record.levelname,
                "logger": record.name,
                "message": record.getMessage(),
            }
            if record.exc_info:
                payload["exception"] = self.formatException(record.exc_info)
            line = json.dumps(payload, ensure_ascii=False)
            line = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)
        else:
            line = self._text_line(record)
        return redact(line, self.secrets)

    def _text_line(self, record: logging.LogRecord) -> str:
        record.message = escape_controls(record.getMessage())
        record.asctime = self.formatTime(record)
        line = self.formatMessage(record)
        blocks = []
        if record.exc_info:
            blocks.append(self.formatException(record.exc_info))
        if record.stack_info:
            blocks.append(self.formatStack(record.stack_info))
        for block in blocks:
            for extra in block.splitlines():
                line += "\n" + TRACEBACK_INDENT + escape_controls(extra)
        return line


def escape_controls(text: str) -> str:
    """`text` on one line: control characters written as escapes (\\n, \\x1b, ...)."""
    return _CONTROLS.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def configure_logging(*, level: str, json_format: bool, secrets: Iterable[str]) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter(secrets, as_json=json_format))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the Bot API URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # These narrate every statement or parse step at DEBUG: noise that hides our own lines.
    for chatty in ("aiosqlite", "trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(chatty).setLevel(max(logging.INFO, logging.getLogger().level))
