"""`newsbrief copy-db TARGET`: progress on stderr, the counts on stdout, exit 0 only when
every table's count matches."""

from __future__ import annotations

import sys

from bot.settings import Settings
from storage.copy import CopyError, copy_database
from storage.db import Database
from storage.migrations import SchemaTooNewError


async def run_copy(settings: Settings, target_url: str) -> int:
    source = await Database(settings.database).open()
    try:
        try:
            target = await Database(target_url).open()
        except SchemaTooNewError as exc:
            print(f"newsbrief: TARGET: {exc}", file=sys.stderr)
            return 1
        try:
            report = await copy_database(
                source, target, progress=lambda line: print(line, file=sys.stderr, flush=True)
            )
        except CopyError as exc:
            print(f"newsbrief: {exc}", file=sys.stderr)
            return 1
        finally:
            await target.close()
    finally:
        await source.close()
    for table, (wanted, copied) in report.counts.items():
        mark = "ok" if wanted == copied else "MISMATCH"
        print(f"{table}: {copied} of {wanted} rows {mark}")
    if not report.matches:
        print("newsbrief: the copy's counts differ from the source's", file=sys.stderr)
        return 1
    print(f"copied {sum(c for c, _ in report.counts.values())} rows into {target.location}")
    return 0
