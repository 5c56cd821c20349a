"""newsbrief as whole processes: one-shot commands (`fetch`, `console`, `backup`, ...) and a
`newsbrief run` bot against a Bot API served on loopback (testkit/fake_bot_server.py).

Each process gets the caller's environment without any NEWSBRIEF_ setting of the machine
it runs on, and imports this checkout's code."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from testkit.fake_bot_server import FakeBotServer

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:SECRET-token-value_xyz"


def product_env(**settings: str) -> dict[str, str]:
    """This environment without its NEWSBRIEF_ settings, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBRIEF_")}
    env.update(settings)
    return env


def newsbrief(
    *args: str, env: dict[str, str], cwd: Path, script: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`newsbrief ARGS` run to its end with `env` on top of a clean environment; `script`
    goes to its stdin."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=script,
        capture_output=True,
        text=True,
        env=product_env(**env),
        cwd=cwd,
        timeout=120,
    )


def console(
    script: str, tmp_path: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """`newsbrief console` on tmp_path's console.db: a script on stdin, a transcript out."""
    return newsbrief(
        "console",
        *args,
        env={
            "PYTHONPATH": str(ROOT),
            "NEWSBRIEF_DATABASE": str(tmp_path / "console.db"),
            **env,
        },
        cwd=tmp_path,
        script=script,
    )


def start_bot(tmp_path: Path, api: FakeBotServer, **extra: str) -> subprocess.Popen[str]:
    """`newsbrief run` on tmp_path's run.db, long polling `api`; `extra` settings win."""
    env = product_env(
        PYTHONPATH=str(ROOT),
        NEWSBRIEF_BOT_TOKEN=TOKEN,
        NEWSBRIEF_TELEGRAM_API_URL=api.base_url,
        NEWSBRIEF_DATABASE=str(tmp_path / "run.db"),
        NEWSBRIEF_FEEDS="https://yerevanherald.example/rss.xml",
        NEWSBRIEF_LOG_LEVEL="DEBUG",
    )
    env.update(extra)
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def stop_bot(process: subprocess.Popen[str]) -> tuple[int, str]:
    """SIGTERM, as systemd and Docker stop it; its exit code and stderr."""
    process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
    return process.returncode, stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(
    predicate: Callable[[], bool], timeout: float, what: str, *, pause: float = 0.1
) -> None:
    """Poll `predicate` (a process's state signals nothing) until it holds; fail saying
    `what` was awaited once `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(pause)
