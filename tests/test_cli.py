"""The command line as an operator uses it: real processes, real files, loopback HTTP."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from testkit.feedserver import FeedServer
from testkit.processes import newsbrief

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback Times</title><link>http://127.0.0.1/</link>
<item><title>CSTO ministers meet in Yerevan</title>
<link>http://127.0.0.1/a?utm_source=rss</link><guid>loop-1</guid>
<pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Defence ministers of the CSTO met in Yerevan on Monday to discuss the
joint staff exercise planned for the spring, officials said.&lt;/p&gt;
&lt;p&gt;top of page&lt;/p&gt;
&lt;p&gt;The meeting lasted four hours and ended without a joint statement, which several
delegations had expected, according to two participants who spoke after the session.&lt;/p&gt;
&lt;p&gt;The ministers agreed to meet again in Minsk in February, and to publish the exercise
plan once all member states have signed it, an official of the secretariat said.&lt;/p&gt;
&lt;p&gt;Ad for subscribing to our newsletter&lt;/p&gt;</description></item>
<item><title>Dram steady as exports grow</title><link>http://127.0.0.1/b</link><guid>loop-2</guid>
<pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The Armenian dram held steady against the dollar this week as exports of
brandy, copper and software services grew faster than imports, the central bank said in its
weekly review published on Friday afternoon in Yerevan.&lt;/p&gt;
&lt;p&gt;Economists expect the trend to continue into the new year, with the economy growing by
more than five percent, according to the bank's latest projections for the coming year.&lt;/p&gt;
&lt;p&gt;Analysts warned that a fall in copper prices could weigh on the currency later.&lt;/p&gt;
</description></item>
</channel></rss>"""


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSBRIEF_ADMIN_IDS", "abc"),
        ("NEWSBRIEF_POLL_INTERVAL", "-5"),
        ("NEWSBRIEF_DEFAULT_TIMEZONE", "Mars/Olympus_Mons"),
        ("NEWSBRIEF_SEND_RATE", "0"),
        ("NEWSBRIEF_ALLOW_PRIVATE_NETWORK", "perhaps"),
        ("NEWSBRIEF_FEEDS", "ftp://example.org/feed"),
        ("NEWSBRIEF_LISTEN", "nowhere"),
        ("NEWSBRIEF_DELIVERY_HORIZON", "soon"),
    ],
)
def test_bad_setting_exits_2_with_one_line(
    name: str, value: str, project_env: dict[str, str], tmp_path: Path
) -> None:
    result = newsbrief("fetch", env={**project_env, name: value}, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    assert "Traceback" not in result.stderr


def test_bad_setting_in_dotenv_is_reported_too(project_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("NEWSBRIEF_ADMIN_IDS=12,twelve\n")
    result = newsbrief("fetch", env=project_env, cwd=tmp_path)
    assert result.returncode == 2
    assert "NEWSBRIEF_ADMIN_IDS" in result.stderr


def test_environment_wins_over_dotenv(project_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("NEWSBRIEF_POLL_INTERVAL=-1\n")
    result = newsbrief(
        "fetch",
        env={**project_env, "NEWSBRIEF_POLL_INTERVAL": "60", "NEWSBRIEF_FEEDS": ""},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr


def test_run_without_token_says_so(project_env: dict[str, str], tmp_path: Path) -> None:
    result = newsbrief("run", env=project_env, cwd=tmp_path)
    assert result.returncode == 2
    assert "NEWSBRIEF_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_names_every_command_and_setting(project_env: dict[str, str], tmp_path: Path) -> None:
    result = newsbrief("--help", env=project_env, cwd=tmp_path)
    assert result.returncode == 0
    for word in (
        "run",
        "console",
        "fetch",
        "NEWSBRIEF_BOT_TOKEN",
        "NEWSBRIEF_SEND_RATE",
        "NEWSBRIEF_ALLOW_PRIVATE_NETWORK",
        "NEWSBRIEF_WEBHOOK_SECRET",
    ):
        assert word in result.stdout
    console_help = newsbrief("console", "--help", env=project_env, cwd=tmp_path)
    assert "--user-id" in console_help.stdout and "--admin" in console_help.stdout


def test_fetch_stores_clean_tagged_articles_then_gets_304(
    feed_server: FeedServer, project_env: dict[str, str], tmp_path: Path
) -> None:
    feed_server.add("/rss.xml", RSS, etag='"v1"')
    env = {
        **project_env,
        "NEWSBRIEF_FEEDS": feed_server.url("/rss.xml"),
        "NEWSBRIEF_ALLOW_PRIVATE_NETWORK": "true",
    }
    first = newsbrief("fetch", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Loopback Times" in first.stdout and "2 new" in first.stdout

    with sqlite3.connect(env["NEWSBRIEF_DATABASE"]) as conn:
        rows = conn.execute("SELECT url, body FROM articles ORDER BY id").fetchall()
        tagged = conn.execute(
            "SELECT a.title, t.name FROM article_topics x JOIN articles a ON a.id = x.article_id"
            " JOIN topics t ON t.id = x.topic_id"
        ).fetchall()
    assert len(rows) == 2
    assert all("utm_" not in url for url, _ in rows)
    for _, body in rows:
        assert "top of page" not in body.lower() and "ad for subscribing" not in body.lower()
    assert ("CSTO ministers meet in Yerevan", "CSTO") in tagged
    assert ("CSTO ministers meet in Yerevan", "Armenia") in tagged

    second = newsbrief("fetch", env=env, cwd=tmp_path)
    assert second.returncode == 0
    assert "304" in second.stdout
    assert feed_server.requests[-1][2].get("if-none-match") == '"v1"'


def test_private_feed_is_refused_by_default_with_its_reason(
    feed_server: FeedServer, project_env: dict[str, str], tmp_path: Path
) -> None:
    feed_server.add("/rss.xml", RSS)
    env = {**project_env, "NEWSBRIEF_FEEDS": feed_server.url("/rss.xml")}
    result = newsbrief("fetch", env=env, cwd=tmp_path)
    assert result.returncode == 0
    assert "error" in result.stdout and "NEWSBRIEF_ALLOW_PRIVATE_NETWORK" in result.stdout
    assert feed_server.requests == []
