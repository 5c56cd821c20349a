"""Schema migrations: ordered steps, each applied once and recorded in schema_version.

Never edit a step that has shipped; append a new one.
"""

from __future__ import annotations

import time

from storage.connection import Connection

MIGRATIONS: list[tuple[str, str]] = [
    (
        "initial schema",
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            site_url TEXT,
            etag TEXT,
            last_modified TEXT,
            added_at INTEGER NOT NULL,
            last_fetch_at INTEGER,
            last_success_at INTEGER,
            last_status TEXT,
            last_error TEXT,
            consecutive_errors INTEGER NOT NULL DEFAULT 0,
            next_fetch_at INTEGER NOT NULL DEFAULT 0,
            paused INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
            source TEXT NOT NULL DEFAULT '',
            guid TEXT,
            guid_key TEXT,
            url TEXT NOT NULL,
            url_key TEXT NOT NULL,
            content_key TEXT NOT NULL,
            title TEXT NOT NULL,
            author TEXT,
            published_at INTEGER NOT NULL,
            fetched_at INTEGER NOT NULL,
            updated_at INTEGER,
            teaser TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            language TEXT
        );
        CREATE UNIQUE INDEX articles_guid_key ON articles(guid_key) WHERE guid_key IS NOT NULL;
        CREATE UNIQUE INDEX articles_url_key ON articles(url_key);
        CREATE INDEX articles_content_key ON articles(content_key);
        CREATE INDEX articles_published ON articles(published_at DESC, id DESC);
        CREATE INDEX articles_feed ON articles(feed_id, published_at DESC);

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body,
            content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;

        CREATE TABLE feed_lines (
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            line_key TEXT NOT NULL,
            articles INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (feed_id, line_key)
        ) WITHOUT ROWID;

        CREATE TABLE topics (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            keywords TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'file',
            created_at INTEGER NOT NULL
        );

        CREATE TABLE article_topics (
            topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            published_at INTEGER NOT NULL,
            PRIMARY KEY (topic_id, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX article_topics_recent ON article_topics(topic_id, published_at DESC);
        CREATE INDEX article_topics_article ON article_topics(article_id);

        CREATE TABLE chats (
            id INTEGER PRIMARY KEY,
            type TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            thread_id INTEGER,
            language TEXT,
            timezone TEXT,
            delivery_mode TEXT NOT NULL DEFAULT 'instant',
            digest_time TEXT,
            quiet_start TEXT,
            quiet_end TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            inactive_reason TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );

        CREATE TABLE subscriptions (
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
            topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (chat_id, topic_id)
        ) WITHOUT ROWID;
        CREATE INDEX subscriptions_topic ON subscriptions(topic_id);

        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
            article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL DEFAULT 'article',
            payload TEXT,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            sent_at INTEGER,
            last_error TEXT
        );
        CREATE UNIQUE INDEX deliveries_once ON deliveries(chat_id, article_id)
            WHERE article_id IS NOT NULL;
        CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);

        CREATE TABLE admin_audit (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            command TEXT NOT NULL,
            arguments TEXT NOT NULL DEFAULT '',
            result TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX admin_audit_at ON admin_audit(at DESC);
        """,
    ),
    (
        "digest bookkeeping and outbox lookups by chat",
        """
        ALTER TABLE chats ADD COLUMN last_digest_at INTEGER;
        CREATE INDEX deliveries_chat_status ON deliveries(chat_id, status, sent_at);
        """,
    ),
    (
        "broadcasts",
        """
        CREATE TABLE broadcasts (
            id INTEGER PRIMARY KEY,
            admin_id INTEGER NOT NULL,
            text TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft',
            total INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            progress_chat_id INTEGER,
            progress_message_id INTEGER
        );
        ALTER TABLE deliveries ADD COLUMN broadcast_id INTEGER REFERENCES broadcasts(id);
        CREATE INDEX deliveries_broadcast ON deliveries(broadcast_id, status)
            WHERE broadcast_id IS NOT NULL;
        """,
    ),
    (
        "entry fingerprints, so unchanged feed entries are not rebuilt on every poll",
        """
        ALTER TABLE articles ADD COLUMN fingerprint TEXT;
        """,
    ),
    (
        "stories (an article reporting an event already stored points at its first article), "
        "and the latest edit found without a scan",
        """
        ALTER TABLE articles ADD COLUMN story_id INTEGER;
        CREATE INDEX articles_story ON articles(story_id) WHERE story_id IS NOT NULL;
        CREATE INDEX articles_updated ON articles(updated_at) WHERE updated_at IS NOT NULL;
        """,
    ),
    (
        "the audit trail keeps no free text: broadcast messages and what refused people typed "
        "are kept by their length only",
        """
        UPDATE admin_audit SET arguments = '[' || length(arguments) || ' characters]'
            WHERE arguments != '' AND (command = 'broadcast' OR result LIKE 'refused%');
        """,
    ),
    (
        "channels linked by admins, readers' own alerts, paid broadcast sends",
        """
        ALTER TABLE chats ADD COLUMN linked_by INTEGER;
        ALTER TABLE chats ADD COLUMN username TEXT;
        ALTER TABLE chats ADD COLUMN silent INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX chats_linked ON chats(linked_by) WHERE linked_by IS NOT NULL;
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
            phrase TEXT NOT NULL,
            phrase_key TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (chat_id, phrase_key)
        );
        CREATE TABLE article_alerts (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
            PRIMARY KEY (article_id, alert_id)
        ) WITHOUT ROWID;
        CREATE INDEX article_alerts_alert ON article_alerts(alert_id);
        ALTER TABLE deliveries ADD COLUMN paid INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        "stemmed full-text index (stems and name keys, written by the storage layer, since a "
        "trigger cannot stem), name keys by script, stemmed topic keywords",
        """
        CREATE VIRTUAL TABLE article_stems USING fts5(
            title, body, names, tokenize='unicode61 remove_diacritics 0'
        );
        CREATE TABLE name_scripts (
            key TEXT NOT NULL,
            script TEXT NOT NULL,
            PRIMARY KEY (key, script)
        ) WITHOUT ROWID;
        CREATE INDEX name_scripts_script ON name_scripts(script);
        CREATE TABLE stem_backlog (article_id INTEGER PRIMARY KEY);
        INSERT INTO stem_backlog (article_id) SELECT id FROM articles;
        CREATE TRIGGER article_stems_insert AFTER INSERT ON articles BEGIN
            INSERT OR IGNORE INTO stem_backlog (article_id) VALUES (new.id);
        END;
        CREATE TRIGGER article_stems_update AFTER UPDATE OF title, body ON articles BEGIN
            INSERT OR IGNORE INTO stem_backlog (article_id) VALUES (new.id);
        END;
        CREATE TRIGGER article_stems_delete AFTER DELETE ON articles BEGIN
            DELETE FROM article_stems WHERE rowid = old.id;
            DELETE FROM stem_backlog WHERE article_id = old.id;
        END;
        ALTER TABLE topics ADD COLUMN stemmed TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    (
        "the article languages a chat receives and sees (space-separated codes; NULL: all); "
        "name keys made again (they now fold ye, dzh and voiced stops alike)",
        """
        ALTER TABLE chats ADD COLUMN article_languages TEXT;
        DELETE FROM name_scripts;
        INSERT OR IGNORE INTO stem_backlog (article_id) SELECT id FROM articles;
        """,
    ),
    (
        "instances and leases: several bot processes on one database share the work",
        """
        CREATE TABLE instances (
            id TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            seen_at INTEGER NOT NULL,
            roles TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE leases (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at REAL NOT NULL
        );
        ALTER TABLE feeds ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
        """,
    ),
]


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer newsbrief than this one."""


async def current_version(conn: Connection) -> int:
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)"
    )
    async with conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def apply_migrations(conn: Connection) -> int:
    """Bring the schema up to date; returns the version now in force."""
    await conn.execute("BEGIN IMMEDIATE")
    try:
        version = await current_version(conn)
        if version > len(MIGRATIONS):
            raise SchemaTooNewError(
                f"database schema version {version} is newer than this newsbrief knows "
                f"({len(MIGRATIONS)}); upgrade newsbrief or use another NEWSBRIEF_DATABASE"
            )
        for number, (description, sql) in enumerate(MIGRATIONS, start=1):
            if number <= version:
                continue
            for statement in _statements(sql):
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (number, description, int(time.time())),
            )
            version = number
    except BaseException:
        await conn.execute("ROLLBACK")
        raise
    await conn.execute("COMMIT")
    return version


def _statements(sql: str) -> list[str]:
    """Split a migration into statements; trigger bodies end in `END;` and hold semicolons."""
    statements: list[str] = []
    buffer: list[str] = []
    in_trigger = False
    for line in sql.strip().splitlines():
        buffer.append(line)
        stripped = line.strip().upper()
        if stripped.startswith("CREATE TRIGGER"):
            in_trigger = True
        if stripped.endswith(";") and (not in_trigger or stripped == "END;"):
            statements.append("\n".join(buffer).strip())
            buffer = []
            in_trigger = False
    if "".join(buffer).strip():
        statements.append("\n".join(buffer).strip())
    return statements
