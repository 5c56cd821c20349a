"""Logging: one line per event, text or JSON, with every secret redacted."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable

REDACTED = "[REDACTED]"


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
        else:
            line = super().format(record)
        return redact(line, self.secrets)


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
