"""`newsbrief run` as a real process against a Bot API served on loopback."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

from testkit.fake_bot_server import FakeBotServer
from testkit.processes import TOKEN, free_port, start_bot, stop_bot

WEBHOOK_SECRET = "hook-secret_42"


def test_long_polling_answers_and_stops_cleanly(tmp_path: Path, api: FakeBotServer) -> None:
    process = start_bot(tmp_path, api)
    try:
        api.push("/help")
        api.wait_for(lambda s: any("What I can do" in m.plain for m in s), timeout=30)
        assert "setMyCommands" in api.methods
        # The start-up poll runs beside the updater; once it has stored the sample feed's
        # stories, /latest lists them.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            before = len(api.telegram.sent)
            api.push("/latest 2")
            sent = api.wait_for(lambda s, before=before: len(s) > before, timeout=10)
            if "Latest stories" in sent[-1].plain:
                break
            time.sleep(0.5)
        reply = api.telegram.sent[-1]
        assert "Latest stories" in reply.plain and reply.text.count("<a href=") == 2
        assert reply.chat_id == 1
    finally:
        code, stderr = stop_bot(process)
    assert code == 0, stderr
    assert TOKEN not in stderr
    assert not api.telegram.refused()


def test_a_refused_token_is_reported_without_the_token(tmp_path: Path, api: FakeBotServer) -> None:
    api.refuse_token = True
    process = start_bot(tmp_path, api)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "token" in stderr.lower()
    assert TOKEN not in stderr
    assert "Traceback" not in stderr


def test_webhook_mode_refuses_to_start_without_a_secret(
    tmp_path: Path, api: FakeBotServer
) -> None:
    port = free_port()
    process = start_bot(
        tmp_path, api,
        NEWSBRIEF_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        NEWSBRIEF_LISTEN=f"127.0.0.1:{port}",
    )
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "NEWSBRIEF_WEBHOOK_SECRET" in lines[0], stderr
    assert "setWebhook" not in api.methods and "getMe" not in api.methods
    assert not (tmp_path / "run.db").exists()


def test_webhook_checks_the_secret_on_every_request(tmp_path: Path, api: FakeBotServer) -> None:
    port = free_port()
    process = start_bot(
        tmp_path, api,
        NEWSBRIEF_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        NEWSBRIEF_WEBHOOK_SECRET=WEBHOOK_SECRET,
        NEWSBRIEF_LISTEN=f"127.0.0.1:{port}",
        NEWSBRIEF_ADMIN_IDS="5",
    )
    try:
        update = json.dumps(api.factory.message("/help", user_id=5)).encode()
        # What an attacker would post: a broadcast "from" the admin.
        forged = json.dumps(api.factory.message("/broadcast Send money", user_id=5)).encode()

        def post(secret: str | None, body: bytes = update) -> int:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/telegram", data=body, method="POST",
                headers={"Content-Type": "application/json"},
            )
            if secret is not None:
                request.add_header("X-Telegram-Bot-Api-Secret-Token", secret)
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    return int(response.status)
            except urllib.error.HTTPError as exc:
                return exc.code

        deadline = time.monotonic() + 30
        status = None
        while time.monotonic() < deadline:
            try:
                status = post(None)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert status == 403
        assert post("wrong-secret") == 403
        assert post(WEBHOOK_SECRET[:-1], forged) == 403  # all but the last character right
        assert post(None, forged) == 403
        assert post(WEBHOOK_SECRET + "x", forged) == 403
        assert post(WEBHOOK_SECRET) == 200
        sent = api.wait_for(lambda s: any(m.chat_id == 5 and "/latest" in m.plain for m in s))
        # The forged requests were never processed: only the genuine /help was answered.
        assert [m for m in sent if m.chat_id == 5 and "Broadcast" in m.plain] == []
        assert "setWebhook" in api.methods
        secret_set = [c for c in api.telegram.calls if c.method == "setWebhook"]
        assert secret_set and secret_set[-1].params.get("secret_token") == WEBHOOK_SECRET
    finally:
        code, stderr = stop_bot(process)
    assert code == 0, stderr
    assert WEBHOOK_SECRET not in stderr and TOKEN not in stderr
    assert stderr.count("refused: wrong secret token") == 3, stderr
    assert stderr.count("refused: no secret token") == 2, stderr
    with closing(sqlite3.connect(tmp_path / "run.db")) as db:
        assert db.execute("SELECT COUNT(*) FROM broadcasts").fetchone() == (0,)
