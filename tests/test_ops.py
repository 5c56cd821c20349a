"""Operations: deploy files, online backup, health and metrics, JSON logs without secrets."""

from __future__ import annotations

import configparser
import json
import re
import sqlite3
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import yaml

from bot.settings import Settings
from testkit.fake_bot_server import FakeBotServer
from testkit.processes import ROOT, TOKEN, free_port, newsbrief, start_bot, stop_bot, wait_until


def test_dockerfile_runs_as_a_user_with_a_healthcheck() -> None:
    text = (ROOT / "deploy" / "Dockerfile").read_text()
    instructions = [line.split()[0] for line in text.splitlines() if line and line[0].isupper()]
    assert instructions[0] == "FROM" and "slim" in text.splitlines()[2]
    users = re.findall(r"^USER\s+(\S+)", text, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "HEALTHCHECK" in instructions and "/healthz" in text
    assert re.search(r'^ENTRYPOINT \["newsbrief"\]', text, re.MULTILINE)
    for folder in ("bot", "handlers", "storage", "news"):
        assert f"COPY {folder} ./{folder}" in text


def test_compose_file_keeps_the_database_in_a_named_volume() -> None:
    compose = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())
    service = compose["services"]["newsbrief"]
    assert service["build"]["dockerfile"] == "deploy/Dockerfile"
    assert "../.env" in service["env_file"]
    volume, mount = service["volumes"][0].split(":")
    assert volume in compose["volumes"] and mount == "/data"
    assert service["environment"]["NEWSBRIEF_DATABASE"].startswith("/data/")


def test_systemd_unit_restarts_on_failure() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(ROOT / "deploy" / "newsbrief.service")
    service = unit["Service"]
    assert service["Restart"] == "on-failure"
    assert service["ExecStart"].endswith("newsbrief run")
    assert service["User"] == "newsbrief" and service["KillSignal"] == "SIGTERM"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_env_example_documents_every_setting() -> None:
    text = (ROOT / ".env.example").read_text()
    for name in Settings.model_fields:
        assert f"NEWSBRIEF_{name.upper()}=" in text, name


def on_database(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`newsbrief ARGS` on the SQLite file `db`, without feeds."""
    env = {"PYTHONPATH": str(ROOT), "NEWSBRIEF_DATABASE": str(db), "NEWSBRIEF_FEEDS": ""}
    return newsbrief(*args, env=env, cwd=db.parent)


def test_backup_while_writing_is_consistent(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    assert on_database(db, "fetch").returncode == 0  # creates the schema
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        conn = sqlite3.connect(db, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        while not stop.is_set():
            with conn:
                conn.execute(
                    "INSERT INTO feeds (url, added_at) VALUES (?, ?)",
                    (f"https://x.example/{written[0]}", written[0]),
                )
            written[0] += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        wait_until(lambda: written[0] >= 200, 60, "200 rows written", pause=0.01)
        result = on_database(db, "backup", str(tmp_path / "copy.db"))
    finally:
        stop.set()
        thread.join()
    assert result.returncode == 0, result.stderr
    assert "written to" in result.stdout
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = copy.execute("SELECT COUNT(*) FROM feeds").fetchone()[0]
        version = copy.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
    assert 200 <= rows <= written[0] and version >= 1
    again = on_database(db, "backup", str(tmp_path / "copy.db"))
    assert again.returncode == 1 and "exists" in again.stderr
    assert on_database(db, "backup", str(tmp_path / "copy.db"), "--force").returncode == 0


def test_health_and_metrics_endpoint(tmp_path: Path, api: FakeBotServer) -> None:
    port = free_port()
    process = start_bot(
        tmp_path, api, NEWSBRIEF_METRICS_LISTEN=f"127.0.0.1:{port}", NEWSBRIEF_LOG_LEVEL="INFO"
    )
    try:
        api.push("/help")
        api.wait_for(lambda sent: len(sent) >= 1)
        deadline = time.monotonic() + 20
        body = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as r:
                    body = r.read().decode()
                if "newsbrief_updates_total 1.0" in body:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        assert "newsbrief_updates_total 1.0" in body
        assert "newsbrief_feed_fetches_total" in body and "newsbrief_outbox_pending" in body
    finally:
        code, stderr = stop_bot(process)
    assert code == 0, stderr


def test_json_logs_are_one_object_per_line_without_secrets(
    tmp_path: Path, api: FakeBotServer
) -> None:
    api.refuse_token = True
    process = start_bot(tmp_path, api, NEWSBRIEF_LOG_FORMAT="json", NEWSBRIEF_LOG_LEVEL="DEBUG")
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1
    assert TOKEN not in stderr
    log_lines = [line for line in stderr.splitlines() if line.startswith("{")]
    assert log_lines, stderr
    for line in log_lines:
        assert {"time", "level", "logger", "message"} <= set(json.loads(line))
