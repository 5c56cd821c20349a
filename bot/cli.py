"""`newsbrief` command line: run, console, fetch."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.logs import configure_logging, redact
from bot.settings import Settings, SettingsError, load_settings
from news.topics import TopicsFileError
from storage.backup import BackupError, backup_database
from storage.db import DatabaseUnavailable, is_postgres_url
from storage.migrations import SchemaTooNewError

SETTINGS_HELP = """\
settings (environment variables, or a .env file in the working directory; the environment wins):
  NEWSBRIEF_BOT_TOKEN              Telegram bot token (needed by `run` only)
  NEWSBRIEF_TELEGRAM_API_URL       Bot API base URL, token appended
                                   (default https://api.telegram.org/bot)
  NEWSBRIEF_DATABASE               SQLite database file, created if missing (default newsbrief.db),
                                   or a postgresql://user@host:port/dbname URL
  NEWSBRIEF_FEEDS                  comma-separated feed URLs added at start
                                   (console default: the bundled sample feeds)
  NEWSBRIEF_ADMIN_IDS              comma-separated Telegram user ids allowed to use admin commands
  NEWSBRIEF_POLL_INTERVAL          seconds between polls of each feed (default 300)
  NEWSBRIEF_TOPICS_FILE            TOML file of topics and keywords (default: the bundled topics)
  NEWSBRIEF_ALLOW_PRIVATE_NETWORK  allow feeds on loopback/private addresses (default false)
  NEWSBRIEF_WEBHOOK_URL, NEWSBRIEF_WEBHOOK_SECRET, NEWSBRIEF_LISTEN
                                   webhook mode instead of long polling (LISTEN is host:port)
  NEWSBRIEF_SEND_RATE              messages per second across all chats (default 30, at most
                                   1000; above 30 only with NEWSBRIEF_PAID_BROADCAST)
  NEWSBRIEF_PAID_BROADCAST         true: traffic above the free 30/s is sent with
                                   allow_paid_broadcast, charged in Stars (default false)
  NEWSBRIEF_DELIVERY_HORIZON       how long a chat's failing delivery is retried (default 24h)
  NEWSBRIEF_DEFAULT_TIMEZONE       timezone of new chats (default UTC)
  NEWSBRIEF_LOG_LEVEL, NEWSBRIEF_LOG_FORMAT  DEBUG/INFO/WARNING/ERROR; text or json
  NEWSBRIEF_METRICS_LISTEN         host:port for /healthz and /metrics (default: off)
A bad value stops the program at start with one line naming the setting and exit status 2.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbrief",
        description="A Telegram news briefing bot: latest stories, topic briefs, search, pushes.",
        epilog=SETTINGS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _subcommand(
        commands,
        "run",
        help="run the bot on Telegram (long polling, or webhook when set) with its scheduler",
        description="Run the bot on Telegram: long polling by default, a webhook when "
        "NEWSBRIEF_WEBHOOK_URL is set. Polls every feed once at start, then on schedule. "
        "Needs NEWSBRIEF_BOT_TOKEN.",
    )
    console = _subcommand(
        commands,
        "console",
        help="chat with the same bot in this terminal, no token or network needed",
        description="The same bot, handlers and jobs, chatting on standard input and output as "
        "one user. Each input line is one message; `#n` presses button n of the latest message "
        "with buttons. Replies are printed as plain text with link targets kept. Without "
        "NEWSBRIEF_FEEDS it uses the bundled sample feeds.",
    )
    console.add_argument("--user-id", type=int, default=1, help="Telegram user id (default 1)")
    console.add_argument("--admin", action="store_true", help="make this user an admin")
    _subcommand(
        commands,
        "fetch",
        help="poll every feed once now and print a line per feed",
        description="One polling pass over every feed now, due or not (still conditional: "
        "ETag / Last-Modified), then a line per feed with what it got.",
    )
    backup = _subcommand(
        commands,
        "backup",
        help="write a consistent copy of the database, safe while the bot runs",
        description="Write a consistent copy of NEWSBRIEF_DATABASE to PATH with SQLite's online "
        "backup, while the bot keeps running.",
    )
    copy = _subcommand(
        commands,
        "copy-db",
        help="copy everything into an empty database (SQLite <-> PostgreSQL)",
        description="Copy everything in NEWSBRIEF_DATABASE into the empty database at TARGET "
        "(an SQLite file path or a postgresql:// URL), table by table with progress, then "
        "compare the row counts. Refuses a TARGET that holds any row. Exit 0 only when every "
        "count matches. Stop the bot first: rows written during the copy may be missed.",
    )
    copy.add_argument("target", metavar="TARGET", help="file path or postgresql:// URL")
    backup.add_argument("path", help="file to write the copy to")
    backup.add_argument("--force", action="store_true", help="replace PATH if it exists")
    return parser


def _subcommand(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    *,
    help: str,
    description: str,
) -> argparse.ArgumentParser:
    """Every command's --help ends with the settings it reads, laid out as written."""
    return commands.add_parser(
        name,
        help=help,
        description=description,
        epilog=SETTINGS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def run_backup(settings: Settings, path: str, *, force: bool) -> int:
    if is_postgres_url(settings.database):
        print(
            "newsbrief: backup copies an SQLite file; for PostgreSQL use pg_dump, "
            "or `newsbrief copy-db FILE` for an SQLite copy",
            file=sys.stderr,
        )
        return 2
    try:
        size = backup_database(Path(settings.database), Path(path), overwrite=force)
    except BackupError as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
        return 1
    print(f"backup of {settings.database} written to {path} ({size:,} bytes)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
        return 2
    level = settings.log_level
    if args.command == "console" and level == "INFO":
        level = "WARNING"  # keep the conversation readable; stderr still shows problems
    configure_logging(
        level=level, json_format=settings.log_format == "json", secrets=settings.secrets()
    )
    if args.command == "backup":
        return run_backup(settings, args.path, force=args.force)
    if args.command == "copy-db":
        from storage.copy import CopyError, check_target

        try:
            check_target(settings.database, args.target)
        except CopyError as exc:
            print(f"newsbrief: {exc}", file=sys.stderr)
            return 2
    if args.command == "run":
        from bot.runner import webhook_problem

        problem = webhook_problem(settings)
        if problem is not None:  # before anything starts, so this is the only line
            print(f"newsbrief: {problem}", file=sys.stderr)
            return 2
    try:
        return asyncio.run(_dispatch(args, settings))
    except KeyboardInterrupt:
        return 130
    except (TopicsFileError, SettingsError) as exc:
        print(f"newsbrief: {redact(str(exc), settings.secrets())}", file=sys.stderr)
        return 2
    except (SchemaTooNewError, DatabaseUnavailable) as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"newsbrief: {redact(str(exc), settings.secrets())}", file=sys.stderr)
        return 1


async def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "fetch":
        from bot.fetch_command import run_fetch

        return await run_fetch(settings)
    if args.command == "copy-db":
        from bot.copy_command import run_copy

        return await run_copy(settings, args.target)
    if args.command == "console":
        from bot.console import run_console

        return await run_console(settings, user_id=args.user_id, admin=args.admin)
    from bot.runner import run_bot

    return await run_bot(settings)


if __name__ == "__main__":
    raise SystemExit(main())
