"""The PostgreSQL backend as an operator meets it: the URL setting, a server that does not
answer, the schema's versions, and `newsbrief copy-db` from SQLite to PostgreSQL and back."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import psycopg
import pytest
import yaml

from bot.cluster import LEADER
from bot.settings import SettingsError, load_settings
from storage import chats as chat_store
from storage import feeds as feed_store
from storage import pg_search
from storage import topics as topic_store
from storage.articles import search, store_articles
from storage.db import Database, DatabaseUnavailable
from storage.migrations import MIGRATIONS, SchemaTooNewError
from storage.pg_schema import missing_steps
from testkit import botkit, pgkit
from testkit.articles import NOW, make_article
from testkit.botkit import BotHarness
from testkit.processes import newsbrief

ROOT = Path(__file__).resolve().parents[1]


def test_every_migration_step_has_postgresql_ddl() -> None:
    assert missing_steps() == []


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("postgresql://u@host:54x2/db", "port"),
        ("postgresql://u@host/", "must name a database"),
        ("mysql://u@host/db", "postgresql://"),
        ("postgresql:/newsbrief", "postgresql://"),
        ("POSTGRES:newsbrief", "postgresql://"),
    ],
)
def test_a_malformed_database_url_is_refused_at_start(value: str, reason: str) -> None:
    with pytest.raises(SettingsError, match="NEWSBRIEF_DATABASE") as caught:
        load_settings(_env_file=None, database=value)
    assert reason in str(caught.value) and "\n" not in str(caught.value)


def test_malformed_url_exits_2_with_one_line(tmp_path: Path) -> None:
    result = newsbrief(
        "fetch", env={"NEWSBRIEF_DATABASE": "postgresql://x@h:port/db"}, cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "NEWSBRIEF_DATABASE" in result.stderr


def test_a_server_that_does_not_answer_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    url = "postgresql://newsbrief:s3cret-pass@127.0.0.1:1/newsbrief"  # nothing listens on 1
    result = newsbrief("fetch", env={"NEWSBRIEF_DATABASE": url}, cwd=tmp_path)
    assert result.returncode == 1
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in line
    assert "cannot connect to PostgreSQL at 127.0.0.1:1/newsbrief" in line
    assert "s3cret-pass" not in line


async def test_unreachable_server_raises_database_unavailable() -> None:
    with pytest.raises(DatabaseUnavailable, match="cannot connect"):
        await Database("postgresql://postgres@127.0.0.1:1/test").open()


async def test_newer_postgresql_schema_is_refused() -> None:
    with pgkit.fresh_schema() as url:
        async with Database(url):
            pass
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("INSERT INTO schema_version VALUES (999, 'from the future', 0)")
            versions = conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()
        assert versions is not None and versions[0] == len(MIGRATIONS) + 1
        with pytest.raises(SchemaTooNewError, match="newer"):
            await Database(url).open()


async def test_migrations_apply_once_on_postgresql() -> None:
    with pgkit.fresh_schema() as url:
        for _ in range(2):
            async with Database(url):
                pass
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT COUNT(*), MAX(version) FROM schema_version").fetchone()
        assert row == (len(MIGRATIONS), len(MIGRATIONS))


async def fill(target: str) -> None:
    """A little of everything: topics, a feed, articles in three scripts, a subscriber."""
    async with Database(target) as db:
        await topic_store.sync_file_topics(db, [("CSTO", ["CSTO", "ОДКБ"])], now=NOW)
        topic = await topic_store.get_topic(db, "CSTO")
        assert topic is not None
        await chat_store.register_chat(
            db, 7, chat_type="private", title="", thread_id=None, language="hy", now=NOW
        )
        await chat_store.subscribe(db, 7, topic.id, now=NOW)
        feed, _ = await feed_store.add_feed(db, "https://a.example/rss", now=NOW)
        await store_articles(
            db,
            feed_id=feed.id,
            source="A",
            fetched_at=NOW,
            topic_ids={"CSTO": topic.id},
            articles=[
                make_article("CSTO summit opens", url="https://a.example/1", topics=["CSTO"]),
                make_article("Саммит ОДКБ открылся", url="https://a.example/2", topics=["CSTO"]),
                make_article("ՀԱՊԿ գագաթնաժողով", url="https://a.example/3", body="Երևան"),
            ],
        )


def test_copy_db_sqlite_to_postgresql_and_back(
    tmp_path: Path,
    project_env: dict[str, str],
) -> None:
    source = str(tmp_path / "cli.db")
    asyncio.run(fill(source))
    back = tmp_path / "back.db"
    with pgkit.fresh_schema() as url:
        forward = newsbrief("copy-db", url, env=project_env, cwd=tmp_path)
        assert forward.returncode == 0, forward.stderr
        assert "articles: 3 of 3" in forward.stderr  # progress
        assert "deliveries: 2 of 2 rows ok" in forward.stdout

        async def found_on_postgres() -> list[str]:
            async with Database(url) as db:
                hits = await search(db, "одкб")
                # Ids carry on after the copied ones.
                await feed_store.add_feed(db, "https://b.example/rss", now=NOW)
                return [hit.article.title for hit in hits]

        assert asyncio.run(found_on_postgres()) == ["Саммит ОДКБ открылся"]

        again = newsbrief("copy-db", url, env=project_env, cwd=tmp_path)
        assert again.returncode == 1 and "not empty" in again.stderr

        reverse = newsbrief(
            "copy-db", str(back), env={**project_env, "NEWSBRIEF_DATABASE": url}, cwd=tmp_path
        )
        assert reverse.returncode == 0, reverse.stderr
    with sqlite3.connect(back) as conn:
        feeds = [row[0] for row in conn.execute("SELECT url FROM feeds ORDER BY id")]
        hits = conn.execute(
            "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH '\"Երևան\"'"
        ).fetchone()[0]
        topics = conn.execute("SELECT name FROM topics WHERE name = 'csto'").fetchall()
    assert feeds == ["https://a.example/rss", "https://b.example/rss"]
    assert hits == 1 and topics == [("CSTO",)]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("postgresql:/127.0.0.1/test", "neither a file path nor a postgresql:// URL"),
        ("127.0.0.1:5432/test", "looks like a server address"),
        ("postgresql://u@h:x/db", "not a valid postgresql:// URL"),
        ("cli.db", "NEWSBRIEF_DATABASE itself"),
    ],
)
def test_copy_db_refuses_a_mixed_up_target(
    tmp_path: Path,
    project_env: dict[str, str],
    target: str,
    reason: str,
) -> None:
    result = newsbrief("copy-db", target, env=project_env, cwd=tmp_path)
    assert result.returncode == 2
    assert reason in result.stderr and result.stderr.strip().count("\n") == 0


def test_compose_offers_postgresql_and_two_replicas() -> None:
    compose = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["postgres"]["profiles"] == ["postgres"]
    replicas = services["newsbrief-pg"]
    assert replicas["profiles"] == ["postgres"] and replicas["deploy"]["replicas"] == 2
    assert replicas["environment"]["NEWSBRIEF_DATABASE"].startswith("postgresql://")
    assert "profiles" not in services["newsbrief"]  # SQLite stays the default


async def test_stats_and_healthz_show_instances_and_the_database(tmp_path: Path) -> None:
    with pgkit.fresh_schema() as url:
        botkit.DATABASE_OVERRIDE = url
        try:
            bot = await BotHarness.start(tmp_path, feeds=[], admin_ids=[1])
        finally:
            botkit.DATABASE_OVERRIDE = None
        cluster = bot.services.cluster
        assert cluster is not None
        try:
            await cluster.start((LEADER,))
            summary = (await bot.send("/stats", user_id=1))[0].plain
            assert "Instances: 1 live" in summary
            assert f"pid {cluster.pid}: sends the outbox" in summary
            status, body = bot.services.metrics.health()
            assert status == 200 and body.startswith("ok\ndatabase: postgresql 127.0.0.1")
            assert "roles: leader" in body
        finally:
            await bot.stop()


async def test_a_dropped_connection_is_replaced_and_nothing_is_lost() -> None:
    """The server ends every connection of ours (a restart, a failover): the next
    statements run on new connections, and what the outbox holds is all still there."""
    with pgkit.fresh_schema() as url:
        async with Database(url) as db:
            await chat_store.register_chat(
                db, 5, chat_type="private", title="", thread_id=None, language="en", now=NOW
            )
            with psycopg.connect(pgkit.server_url(), autocommit=True) as admin:
                ended = admin.execute(
                    "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = 'newsbrief' AND pid <> pg_backend_pid()"
                ).fetchone()
            assert ended is not None and ended[0] >= 1
            assert await chat_store.get_chat(db, 5) is not None
            assert await feed_store.add_feed(db, "https://c.example/rss", now=NOW)


@pytest.mark.parametrize(
    ("expression", "table", "expected"),
    [
        ('"csto" "summit"', "articles_fts", "(('csto') & ('summit'))"),
        ('"csto" OR "summit"', "articles_fts", "(('csto') | ('summit'))"),
        (
            '{title body} : ("border" "commission")',
            "article_stems",
            "(('border':AB) & ('commission':AB))",
        ),
        ('{title body} : ("border commiss")', "article_stems", "('border':AB <-> 'commiss':AB)"),
        (
            '({title body} : ("erevan") OR names : "erevan") NOT (names : "baku")',
            "article_stems",
            "((('erevan':AB) | ('erevan':C)) & !('baku':C))",
        ),
        ('nosuchcolumn : "x"', "article_stems", "('x':D)"),
        ('""', "articles_fts", ""),
    ],
)
def test_fts5_expressions_read_as_tsquery(expression: str, table: str, expected: str) -> None:
    assert pg_search.tsquery(expression, table) == expected
