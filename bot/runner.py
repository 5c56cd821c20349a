"""`newsbrief run`: the bot on Telegram, long polling or webhook, until SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import sys
from collections.abc import Callable
from urllib.parse import urlsplit

from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError
from telegram.ext import Updater
from telegram.ext._utils.webhookhandler import WebhookServer

from bot.app import build_application, set_command_menus
from bot.cluster import LEADER, UPDATES, Cluster
from bot.jobs import schedule_jobs
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
    if settings.bot_token is None:
        print(
            "newsbrief: NEWSBRIEF_BOT_TOKEN is required for `newsbrief run` "
            "(try `newsbrief console` to chat without one)",
            file=sys.stderr,
        )
        return 2
    problem = webhook_problem(settings)
    if problem is not None:
        print(f"newsbrief: {problem}", file=sys.stderr)
        return 2
    services = await open_services(settings)
    app = build_application(services, token=settings.bot_token.get_secret_value())
    metrics_server = None
    if settings.metrics_address is not None:
        metrics_server = MetricsServer(services.metrics, *settings.metrics_address).start()
    stop = asyncio.Event()
    exit_code = 0
    webhook: WebhookServer | None = None
    follower: asyncio.Task[None] | None = None
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)

    cluster = services.cluster if services.db.shared else None

    def on_polling_error(error: TelegramError) -> None:
        nonlocal exit_code
        if isinstance(error, Conflict) and cluster is not None:
            # Another instance of ours polled a moment ago (it held the lease, or still
            # finishes its last long poll): the lease settles it, nothing to stop for.
            log.warning("409 Conflict from getUpdates while taking over polling; retrying")
        elif isinstance(error, Conflict):
            # Two pollers would each get half the updates: refuse rather than misbehave.
            log.error("another instance is polling with this bot token (409 Conflict); stopping")
            exit_code = 1
            stop.set()
        else:
            log.warning("polling error: %s", error)

    try:
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
        try:
            await set_command_menus(app)
        except TelegramError as exc:
            log.warning("command menus not set: %s", exc)
        if cluster is not None:
            webhook_mode = bool(settings.webhook_url)
            await cluster.start((LEADER,) if webhook_mode else (LEADER, UPDATES))
            log.info(
                "instance %s on a shared database; holds: %s",
                cluster.instance_id,
                ", ".join(cluster.roles()) or "nothing yet",
            )
        schedule_jobs(app, initial_poll=True)
        await app.start()
        # Everything loaded at start lives as long as the process: keep it out of the
        # collector's way so full collections stay short while serving.
        gc.collect()
        gc.freeze()
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
        elif cluster is not None:
            follower = asyncio.create_task(
                follow_polling_lease(cluster, updater, on_polling_error, stop),
                name="polling-lease",
            )
        else:
            await updater.start_polling(error_callback=on_polling_error)
            log.info("long polling started")
        await stop.wait()
        if follower is not None:
            follower.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await follower
        log.info("stopping: no new work; finishing the sends in flight")
        if webhook is not None:
            await webhook.shutdown()
        if updater.running:
            await updater.stop()
        await app.bot_data.delivery.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        if metrics_server is not None:
            metrics_server.stop()
        await services.close()
    return exit_code
