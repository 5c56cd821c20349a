"""Settings from the environment (prefix NEWSBRIEF_) and `.env`; the environment wins."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.flood import FREE_RATE
from bot.numbers import parse_natural
from storage.db import is_postgres_url

DEFAULT_API_URL = "https://api.telegram.org/bot"
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_DURATION_PART = re.compile(r"(\d+)\s*([dhms])")
_DURATION_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
DEFAULT_DELIVERY_HORIZON = 24 * 3600


def parse_duration(value: Any) -> Any:
    """Seconds, or a duration such as `24h`, `90m`, `2d`, `1h30m`; other values are left for
    the field's own validation to refuse."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    if text.isdigit():
        return int(text)
    if text and _DURATION_PART.sub("", text).strip() == "":
        return sum(int(n) * _DURATION_UNITS[unit] for n, unit in _DURATION_PART.findall(text))
    raise ValueError("must be seconds or a duration such as 24h, 90m, 2d or 1h30m")


def _split_commas(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEWSBRIEF_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str = DEFAULT_API_URL
    # A path (SQLite) or a postgresql:// URL; kept as text so a URL is not read as a path.
    database: str = "newsbrief.db"
    # None means "not set": the console then uses the bundled sample feeds.
    feeds: Annotated[list[str] | None, NoDecode] = None
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    poll_interval: int = Field(default=300, gt=0, le=7 * 24 * 3600)
    topics_file: Path | None = None
    allow_private_network: bool = False
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    listen: str = "0.0.0.0:8080"
    send_rate: float = Field(default=30.0, gt=0, le=1000)
    # Above Telegram's free 30/s, sends carry allow_paid_broadcast (charged in Stars).
    paid_broadcast: bool = False
    default_timezone: str = "UTC"
    log_level: str = "INFO"
    log_format: str = "text"
    metrics_listen: str | None = None
    # How long a delivery that keeps failing for its chat's own reasons is retried, from
    # when it was queued; a Telegram-wide outage never counts against it.
    delivery_horizon: int = Field(default=DEFAULT_DELIVERY_HORIZON, ge=60, le=30 * 86400)

    @field_validator("feeds", "admin_ids", mode="before")
    @classmethod
    def _comma_list(cls, value: Any) -> Any:
        return _split_commas(value)

    @field_validator("feeds")
    @classmethod
    def _feeds_are_urls(cls, value: list[str] | None) -> list[str] | None:
        for url in value or []:
            if not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
                raise ValueError(f"not an http(s) URL: {url[:80]!r}")
        return value

    @field_validator("database", mode="before")
    @classmethod
    def _database_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, Path) else value

    @field_validator("database")
    @classmethod
    def _database(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must be a file path or a postgresql:// URL")
        # "postgresql:/db" is a URL typed wrong, never a file to create.
        url_like = re.match(r"^([A-Za-z][\w+.-]*://|postgres(ql)?:)", value, re.IGNORECASE)
        if is_postgres_url(value) or url_like:
            from storage.pg import check_url

            return check_url(value)
        return value

    @field_validator("delivery_horizon", mode="before")
    @classmethod
    def _horizon(cls, value: Any) -> Any:
        return parse_duration(value)

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://", value):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is not None and value.strip() == "":
            return None
        if (
            value is not None
            and not value.startswith("https://")
            and not value.startswith("http://")
        ):
            raise ValueError("must be an http(s) URL")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _WEBHOOK_SECRET.match(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("bot_token")
    @classmethod
    def _token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip():
            return None
        return value

    @field_validator("listen", "metrics_listen")
    @classmethod
    def _listen(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.field_name == "metrics_listen" and (value is None or not value.strip()):
            return None  # empty means off
        assert value is not None
        host, sep, port = value.rpartition(":")
        number = parse_natural(port, max_digits=5)
        if not sep or not host or number is None or not 0 < number < 65536:
            raise ValueError("must be host:port")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        if value.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return value.upper()

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        if value not in {"text", "json"}:
            raise ValueError("must be text or json")
        return value

    @property
    def listen_host(self) -> str:
        return self.listen.rpartition(":")[0].strip("[]")

    @property
    def listen_port(self) -> int:
        return int(self.listen.rpartition(":")[2])

    @property
    def metrics_address(self) -> tuple[str, int] | None:
        if not self.metrics_listen:
            return None
        host, _, port = self.metrics_listen.rpartition(":")
        return host.strip("[]"), int(port)

    @property
    def effective_send_rate(self) -> float:
        """The rate the sender keeps: NEWSBRIEF_SEND_RATE, held to Telegram's free 30/s
        unless paid broadcasts are on (a higher rate would only earn 429s)."""
        if self.paid_broadcast:
            return self.send_rate
        return min(self.send_rate, float(FREE_RATE))

    def secrets(self) -> list[str]:
        """Values that must never reach a log line or an error message."""
        found = []
        for secret in (self.bot_token, self.webhook_secret):
            if secret is not None and secret.get_secret_value():
                found.append(secret.get_secret_value())
        return found


class SettingsError(Exception):
    """A setting has a bad value; the message is one line naming it."""


def describe_validation_error(error: ValidationError) -> str:
    first = error.errors()[0]
    field = str(first["loc"][0]) if first.get("loc") else "settings"
    message = first.get("msg", "invalid value").removeprefix("Value error, ")
    return f"invalid setting NEWSBRIEF_{field.upper()}: {message}"


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None
    except Exception as exc:  # pydantic-settings raises SettingsError for undecodable input
        raise SettingsError(f"invalid settings: {str(exc).splitlines()[0]}") from None
