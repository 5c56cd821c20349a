"""CPU-bound ingest work (parsing, cleaning, story terms) in worker processes when it is big
enough to be worth the hand-off: both cores, and no stall of the event loop that serves
everyone. Inline otherwise, and always when there are no workers (one core)."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class CpuPool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    async def run(self, big: bool, work: Callable[[], T]) -> T:
        """`work` in a worker process when `big`, inline otherwise."""
        if big and self.workers > 0:
            return await asyncio.get_running_loop().run_in_executor(self._worker_pool(), work)
        return work()

    async def warm_up(self) -> None:
        """Start the worker processes now (they import the pipeline once), so the first big
        feed does not wait for them."""
        if self.workers > 0:
            loop = asyncio.get_running_loop()
            pool = self._worker_pool()
            await asyncio.gather(*(loop.run_in_executor(pool, _ready) for _ in range(self.workers)))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _worker_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool


def _ready() -> bool:
    """Run in a worker to make it import the pipeline before real work arrives."""
    return True
