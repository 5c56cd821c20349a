"""Online backup: a consistent copy of the database while the bot keeps writing to it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class BackupError(Exception):
    """Why no backup was written, in one line."""


def backup_database(source: Path, target: Path, *, overwrite: bool = False) -> int:
    """Copy `source` to `target` with SQLite's backup API (a snapshot of one moment, WAL
    included), through a temporary file renamed into place; returns the size in bytes."""
    if not source.exists():
        raise BackupError(f"no database at {source}")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} exists (use --force to replace it)")
    if target.resolve() == source.resolve():
        raise BackupError("the backup cannot replace the database itself")
    partial = target.with_name(f".{target.name}.partial")
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer, pages=1024)
            check = writer.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise BackupError(f"the copy failed its integrity check: {check}")
        finally:
            writer.close()
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"backup failed: {exc}") from None
    finally:
        reader.close()
    return target.stat().st_size
