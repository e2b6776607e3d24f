"""A second process that indexes entries with Whoosh while Pelican reads them and writes the pages.

Whoosh is pure Python, and indexing thousands of entries takes about as long
as reading them. So on a large site the build forks this worker when the
first entry is read, sends it each entry's Document as it is read,
and carries on. Once every entry is read it sends the docnum order; the worker
answers with the related entries (wanted by the entry pages). Once the entries
are checked, the build sends what the browser shows for each result; the
worker writes the static index's files itself and says when they are written
(wanted last, by the search page).
"""

from __future__ import annotations

import collections
import contextlib
import gc
import multiprocessing
import os
import queue
import signal
import sys

from .documents import Document

NICENESS = 5
BATCH = 64  # documents per message: fewer, larger pickles


class WorkerFailed(RuntimeError):
    pass


class IndexWorker:
    @staticmethod
    def available() -> bool:
        """A worker is forked from the build (it inherits the build's state); Windows cannot fork."""
        return "fork" in multiprocessing.get_all_start_methods()

    def __init__(self):
        context = multiprocessing.get_context("fork")
        # A queue, not a pipe, for the documents: its own thread writes them,
        # so reading never waits while the worker catches up.
        self._inbox = context.Queue()
        self._receive, outbox = context.Pipe(duplex=False)
        self._batch: list[Document] = []
        self.process = context.Process(target=_serve, args=(self._inbox, outbox, os.getpid()), name="signpost-search-index", daemon=True)
        self.process.start()
        outbox.close()

    def add(self, doc: Document) -> None:
        self._batch.append(doc)
        if len(self._batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._batch:
            self._inbox.put(("add", self._batch))
            self._batch = []

    def finish(self, order: list[str], related_top: int) -> None:
        """Every document has been added; ``order`` is their ids in docnum order."""
        self._flush()
        self._inbox.put(("finish", order, related_top))

    def export(self, folder: str, display: list, facets: dict, meta: dict) -> None:
        """Once the index is made, write the static index's files into ``folder`` (export.write_index),
        with these rows and facets from the build; exported() waits for the files."""
        self._inbox.put(("export", folder, display, facets, meta))
        self._inbox.close()

    def _result(self, expected: str):
        try:
            kind, payload = self._receive.recv()
        except EOFError:
            raise WorkerFailed("the search indexing process stopped without an answer") from None
        if kind == "error":
            self.process.join(timeout=10)  # it removes its temporary folders, then ends
            raise WorkerFailed(f"search indexing failed: {payload}")
        if kind != expected:
            raise WorkerFailed(f"search indexing answered {kind!r} where {expected!r} was due")
        return payload

    def related(self) -> dict[int, list[int]]:
        return self._result("related")

    def exported(self) -> None:
        """Wait until the files export() asked for are written; the worker then ends."""
        self._result("exported")
        self.close()

    def close(self) -> None:
        self._receive.close()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=10)
        self._inbox.close()
        self._inbox.cancel_join_thread()  # nothing more is wanted from what is still queued


class BuildGone(Exception):
    pass


def _next(inbox, parent: int):
    """The next message; BuildGone if the build's process has ended without finishing."""
    while True:
        try:
            return inbox.get(timeout=2)
        except queue.Empty:
            if os.getppid() != parent:
                raise BuildGone from None


def _serve(inbox, outbox, parent: int) -> None:
    from . import whoosh_index  # here, not in the build's own process, which may never need Whoosh

    os.nice(NICENESS)  # when the cores are short, the build itself goes first
    # Ended by the build (close()): leave through `finally`, which removes the temporary folders
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    gc.freeze()  # the build's own objects are not ours to collect: skip them
    indexer = None
    try:
        indexer = whoosh_index.Indexer(procs=1)
        # Each document goes into the small topics index at once, and into the full
        # index while no message waits: so the related entries, which the build
        # waits for, are never held up by the full index's backlog.
        backlog: collections.deque = collections.deque()
        while True:
            message = None
            while backlog and message is None:
                try:
                    message = inbox.get_nowait()
                except queue.Empty:
                    indexer.add_full(backlog.popleft())
            if message is None:
                message = _next(inbox, parent)
            if message[0] != "add":
                break
            for doc in message[1]:
                indexer.add_topics(doc)
                backlog.append(doc)
        _, order, top = message
        topics = indexer.topics(order)
        try:
            outbox.send(("related", whoosh_index.related(topics, top=top)))
        finally:
            topics.close()
        while backlog:
            indexer.add_full(backlog.popleft())
        data = whoosh_index.index_data(indexer.index(order))
        indexer = None
        _, folder, display, facets, meta = _next(inbox, parent)  # ("export", ...): the only request left
        from pathlib import Path

        from . import export

        export.write_index(Path(folder), data, display, facets, meta)
        outbox.send(("exported", None))
    except BuildGone:
        pass
    except Exception as exc:  # noqa: BLE001 - reported to the build, which says what failed
        with contextlib.suppress(OSError):
            outbox.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        if indexer is not None:
            indexer.discard()
        outbox.close()
