"""`newsbrief run`: the bot on Telegram, long polling or webhook, until SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError
from telegram.ext import Updater
from telegram.ext._utils.webhookhandler import WebhookServer

from bot.app import build_application
from bot.cluster import LEADER, UPDATES, Cluster
from bot.context import NewsApp
from bot.lifecycle import application_running
from bot.logs import redact
from bot.metrics import MetricsServer
from bot.services import open_services
from bot.settings import Settings
from bot.webhook import start_webhook

log = logging.getLogger(__name__)

POLLING_LEASE_CHECK = 0.5


def webhook_problem(settings: Settings) -> str | None:
    """Why these settings cannot run a webhook safely, in one line; None when they can."""
    if settings.webhook_url and settings.webhook_secret is None:
        # Without it anyone who reaches the port can post updates as any user, admins too.
        return (
            "NEWSBRIEF_WEBHOOK_SECRET is required when NEWSBRIEF_WEBHOOK_URL is set "
            "(1-256 of A-Z a-z 0-9 _ -)"
        )
    return None


async def follow_polling_lease(
    cluster: Cluster,
    updater: Updater,
    on_error: Callable[[TelegramError], None],
    stop: asyncio.Event,
) -> None:
    """Long polling on several instances: only the holder of the updates lease polls;
    when it dies another instance takes the lease and starts polling."""
    while not stop.is_set():
        holds = cluster.holds(UPDATES)
        try:
            if holds and not updater.running:
                await updater.start_polling(error_callback=on_error)
                log.info("long polling started (this instance holds the updates lease)")
            elif not holds and updater.running:
                await updater.stop()
                log.info("long polling stopped (the updates lease went to another instance)")
        except TelegramError as exc:
            log.warning("long polling could not start: %s", exc)
        await asyncio.sleep(POLLING_LEASE_CHECK)


async def run_bot(settings: Settings) -> int:
    """Serve until SIGINT/SIGTERM (exit status 0); 1 when Telegram refuses the token or cannot
    be reached, or another poller uses the token; 2 for settings it cannot run with."""
    refusal = start_refusal(settings)
    if refusal is not None:
        print(f"newsbrief: {refusal}", file=sys.stderr)
        return 2
    assert settings.bot_token is not None  # start_refusal checked it
    services = await open_services(settings)
    app = build_application(services, token=settings.bot_token.get_secret_value())
    metrics_server = None
    if settings.metrics_address is not None:
        metrics_server = MetricsServer(services.metrics, *settings.metrics_address).start()
    stop = asyncio.Event()
    cluster = services.cluster if services.db.shared else None
    polling_errors = PollingErrors(stop, shared=cluster is not None)
    try:
        with _stop_on_signals(stop):
            failed = await _initialize(app, settings)
            if failed is not None:
                return failed
            async with application_running(
                app,
                initial_poll=True,
                before_jobs=lambda: _join_cluster(cluster, settings),
                menus_may_fail=True,
                stop_sending_first=True,
            ):
                # Everything loaded at start lives as long as the process: keep it out of
                # the collector's way so full collections stay short while serving.
                gc.collect()
                gc.freeze()
                intake = await _start_intake(app, settings, cluster, polling_errors, stop)
                await stop.wait()
                await intake.stop()
    finally:
        if metrics_server is not None:
            metrics_server.stop()
        await services.close()
    return polling_errors.exit_code


def start_refusal(settings: Settings) -> str | None:
    """Why `newsbrief run` will not start with these settings, in one line; None when it will."""
    if settings.bot_token is None:
        return (
            "NEWSBRIEF_BOT_TOKEN is required for `newsbrief run` "
            "(try `newsbrief console` to chat without one)"
        )
    return webhook_problem(settings)


class PollingErrors:
    """What an error from getUpdates means for this process: a second poller with our token
    stops it with exit status 1, unless the instances share a database and take turns."""

    def __init__(self, stop: asyncio.Event, *, shared: bool) -> None:
        self.stop = stop
        self.shared = shared
        self.exit_code = 0

    def __call__(self, error: TelegramError) -> None:
        if isinstance(error, Conflict) and self.shared:
            # Another instance of ours polled a moment ago (it held the lease, or still
            # finishes its last long poll): the lease settles it, nothing to stop for.
            log.warning("409 Conflict from getUpdates while taking over polling; retrying")
        elif isinstance(error, Conflict):
            # Two pollers would each get half the updates: refuse rather than misbehave.
            log.error("another instance is polling with this bot token (409 Conflict); stopping")
            self.exit_code = 1
            self.stop.set()
        else:
            log.warning("polling error: %s", error)


@contextlib.contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop` until the shutdown is over: a second signal during the
    shutdown is not the default handler killing it halfway."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        yield
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)


async def _initialize(app: NewsApp, settings: Settings) -> int | None:
    """The exit status when Telegram cannot be asked who we are; None once it answered."""
    try:
        await app.initialize()
    except InvalidToken:
        print(
            "newsbrief: Telegram refused the bot token (check NEWSBRIEF_BOT_TOKEN)",
            file=sys.stderr,
        )
        return 1
    except NetworkError as exc:
        print(
            "newsbrief: cannot reach the Bot API at NEWSBRIEF_TELEGRAM_API_URL: "
            + redact(str(exc), settings.secrets()),
            file=sys.stderr,
        )
        return 1
    return None


async def _join_cluster(cluster: Cluster | None, settings: Settings) -> None:
    if cluster is None:
        return
    webhook_mode = bool(settings.webhook_url)
    await cluster.start((LEADER,) if webhook_mode else (LEADER, UPDATES))
    log.info(
        "instance %s on a shared database; holds: %s",
        cluster.instance_id,
        ", ".join(cluster.roles()) or "nothing yet",
    )


@dataclass
class Intake:
    """Where updates come in: a webhook server, polling that follows the updates lease, or
    plain long polling (the updater alone)."""

    updater: Updater
    webhook: WebhookServer | None = None
    follower: asyncio.Task[None] | None = None

    async def stop(self) -> None:
        if self.follower is not None:
            self.follower.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.follower
        log.info("stopping: no new work; finishing the sends in flight")
        if self.webhook is not None:
            await self.webhook.shutdown()
        if self.updater.running:
            await self.updater.stop()


async def _start_intake(
    app: NewsApp,
    settings: Settings,
    cluster: Cluster | None,
    on_error: Callable[[TelegramError], None],
    stop: asyncio.Event,
) -> Intake:
    updater = app.updater
    assert updater is not None
    if settings.webhook_url and settings.webhook_secret is not None:
        webhook = await start_webhook(
            app,
            listen=settings.listen_host,
            port=settings.listen_port,
            url_path=urlsplit(settings.webhook_url).path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value(),
        )
        log.info("webhook mode: listening on %s", settings.listen)
        return Intake(updater, webhook=webhook)
    if cluster is not None:
        follower = asyncio.create_task(
            follow_polling_lease(cluster, updater, on_error, stop), name="polling-lease"
        )
        return Intake(updater, follower=follower)
    await updater.start_polling(error_callback=on_error)
    log.info("long polling started")
    return Intake(updater)
