"""Where extraction runs: this process, a pool of local processes, or a Dask cluster.

Every engine maps :func:`pipeline.batch.extract.extract_chunk` over chunks of documents
and yields the results in input order, whatever order they finish in, so the
tables do not depend on the engine or on timing. Each worker loads the
pipeline once. At most a few chunks per worker are in flight, so memory does
not grow with the size of the corpus.

Dask: ``--engine dask`` without ``--scheduler`` starts a ``LocalCluster`` (one
single-threaded process per worker); ``--scheduler tcp://HOST:8786`` uses a
running cluster, whose workers must have the same pressfacts version and
spaCy model installed (checked: a worker with other code is an error) and
should run single-threaded processes (``dask worker ADDRESS --nworkers N
--nthreads 1``): extraction holds the GIL. Inputs are read and tables written
by the client; workers need no access to the files.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from spacy.language import Language

from pipeline.batch.extract import Extracted, extract_chunk
from pipeline.core.config import Settings
from pipeline.io.manifest import pipeline_version
from pipeline.io.reader import InputDocument

ENGINES = ("local", "dask")
IN_FLIGHT_PER_WORKER = 3


class Engine(Protocol):
    def map(self, chunks: Iterable[list[InputDocument]]) -> Iterator[Extracted]: ...

    def close(self) -> None: ...


def ordered(
    submit: Callable[[list[InputDocument]], object], chunks: Iterable[list[InputDocument]], in_flight: int
) -> Iterator[Extracted]:
    """Submit chunks (at most ``in_flight`` pending) and yield their results in submission order;
    ``submit`` returns a future-like object with ``result()``."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# One pipeline per worker process, loaded on first use (or inherited from the parent by fork).
_worker_pipeline: tuple[Settings, Language] | None = None


def worker_pipeline(settings: Settings) -> Language:
    global _worker_pipeline
    if _worker_pipeline is None or _worker_pipeline[0] != settings:
        from pipeline.nlp import load

        _worker_pipeline = (settings, load(settings))
        # The model lives as long as the process: the collector need not walk it again on
        # every full collection, and forked workers share its pages instead of copying them.
        gc.freeze()
    return _worker_pipeline[1]


class LocalEngine:
    """Extraction in this process."""

    def __init__(self, settings: Settings, on_chars: Callable[[int], None] | None = None, nlp: Language | None = None):
        self.settings = settings
        self.nlp = nlp if nlp is not None else worker_pipeline(settings)
        self.on_chars = on_chars

    def map(self, chunks: Iterable[list[InputDocument]]) -> Iterator[Extracted]:
        for chunk in chunks:
            yield extract_chunk(self.nlp, chunk, self.settings.batch_size, self.on_chars)

    def close(self) -> None:
        pass


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when its parent dies, even by ``kill -9`` (Linux
    ``PR_SET_PDEATHSIG``); elsewhere a thread polls for the parent instead."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    else:

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _init_pool_worker(settings: Settings, parent: int) -> None:
    die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker_pipeline(settings)


def _extract_in_pool(settings: Settings, chunk: list[InputDocument]) -> Extracted:
    return extract_chunk(worker_pipeline(settings), chunk, settings.batch_size)


class ProcessEngine:
    """``workers`` local processes. With fork (Linux) the pipeline is loaded once here and
    inherited; elsewhere each worker loads it. A worker that dies (killed, out of memory)
    stops the run with an error instead of leaving it waiting for ever."""

    def __init__(self, settings: Settings, workers: int):
        self.settings = settings
        self.workers = workers
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if context.get_start_method() == "fork":
            worker_pipeline(settings)
        self.executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_pool_worker, initargs=(settings, os.getpid())
        )

    def map(self, chunks: Iterable[list[InputDocument]]) -> Iterator[Extracted]:
        def submit(chunk):
            return self.executor.submit(_extract_in_pool, self.settings, chunk)

        try:
            yield from ordered(submit, chunks, IN_FLIGHT_PER_WORKER * self.workers)
        except BrokenProcessPool as exc:
            raise RuntimeError("a worker process died (killed, or out of memory?); no table was written") from exc

    def close(self) -> None:
        # Workers finish the chunk in hand (they ignore Ctrl-C); the others are cancelled.
        self.executor.shutdown(wait=True, cancel_futures=True)


# A Dask worker may run several threads; one pipeline per process is not shared between them.
_dask_lock = threading.Lock()


def _extract_on_dask_worker(settings: Settings, version: str, chunk: list[InputDocument]) -> Extracted:
    if pipeline_version() != version:
        raise RuntimeError(
            f"Dask worker {os.uname().nodename} runs pressfacts {pipeline_version()}, "
            f"the client {version}: install the same version on every worker"
        )
    with _dask_lock:
        return extract_chunk(worker_pipeline(settings), chunk, settings.batch_size)


class DaskEngine:
    """A Dask cluster: the scheduler at ``address``, or a new ``LocalCluster`` of ``workers``."""

    def __init__(self, settings: Settings, address: str | None = None, workers: int = 2):
        from dask.distributed import Client, LocalCluster

        self.settings = settings
        self.cluster = None
        if address:
            self.client = Client(address)
        else:
            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)
        self.threads = max(1, sum(self.client.nthreads().values()))

    def map(self, chunks: Iterable[list[InputDocument]]) -> Iterator[Extracted]:
        version = pipeline_version()

        def submit(chunk):
            return self.client.submit(_extract_on_dask_worker, self.settings, version, chunk, pure=False)

        return ordered(submit, chunks, IN_FLIGHT_PER_WORKER * self.threads)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(
    settings: Settings,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    on_chars: Callable[[int], None] | None = None,
) -> Engine:
    """``workers``: processes for the local engine (default 1), LocalCluster workers for Dask
    (default: one per CPU; ignored with a ``scheduler``). ``on_chars``: told the characters of
    each piece extracted, where the engine runs in this process (else None is passed on)."""
    if engine == "dask":
        return DaskEngine(settings, scheduler, workers or os.cpu_count() or 1)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    return LocalEngine(settings, on_chars) if runs_here(engine, workers) else ProcessEngine(settings, workers or 1)


def runs_here(engine: str, workers: int | None) -> bool:
    """Whether :func:`make_engine` extracts in this process (else in worker processes)."""
    return engine == "local" and not (workers and workers > 1)
