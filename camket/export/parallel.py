"""Reading many SELECT results out of a large embedded store on two cores.

pyoxigraph holds the GIL while it evaluates a query and decodes its terms,
so threads do not run two queries at once. :func:`fetch_two_processes` runs
the list of queries from both ends: this process from the first, a helper
process (its own read-only handle on the same store) from the last, until
they meet. The helper sends each result back pickled as soon as it has it and
says which query it starts; this process says which one it has reached, where
the helper stops: at most the query they meet on runs twice. Each result is
handed to the caller as soon as it is there, so the caller's work on it
overlaps the helper's queries.
Results are the same tuples as the in-process path (plain strings, None when
unbound), in the same order. If the helper cannot start or dies, this process
runs what is left.
"""
from __future__ import annotations

import pickle
import struct
import subprocess
import sys
import threading
from typing import Callable, Iterator

# The helper imports nothing of camket (start-up in ~0.1 s): queries arrive with their prefixes,
# length-prefixed; then this process sends the index of each query it reaches (4 bytes), and the
# helper stops when it comes down to it.
HELPER = r"""
import os, pickle, select, struct, sys
import pyoxigraph as ox
def read(n):
    data = b""
    while len(data) < n:
        part = os.read(0, n - len(data))
        if not part:
            sys.exit(0)
        data += part
    return data
location, queries = pickle.loads(read(struct.unpack("<Q", read(8))[0]))
store, out, reached = ox.Store.read_only(location), sys.stdout.buffer, -1
for i in range(len(queries) - 1, -1, -1):
    while select.select([0], [], [], 0)[0]:
        reached = struct.unpack("<i", read(4))[0]
    if i <= reached:
        break
    pickle.dump(("start", i), out); out.flush()
    rows = [tuple(None if t is None else t.value for t in s)
            for s in store.query(queries[i], use_default_graph_as_union=True)]
    pickle.dump(("done", i, rows), out, protocol=5); out.flush()
"""


class _Helper:
    """The helper process and the thread that collects what it sends."""

    def __init__(self, location: str, queries: list[str], results: list):
        self.results, self.starting, self.lock = results, len(queries), threading.Condition()
        self.proc = subprocess.Popen([sys.executable, "-c", HELPER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        payload = pickle.dumps((location, queries))
        self._send(struct.pack("<Q", len(payload)) + payload)
        self.alive = True
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        try:
            while True:
                message = pickle.load(self.proc.stdout)
                with self.lock:
                    if message[0] == "start":
                        self.starting = message[1]
                    else:
                        self.results[message[1]] = message[2]
                    self.lock.notify_all()
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            with self.lock:
                self.alive = False
                self.lock.notify_all()

    def _send(self, data: bytes) -> None:
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError):  # it died: the reader sees the end of its output
            pass

    def reached(self, i: int) -> None:
        """This process is at query ``i``: the helper need not come further down."""
        self._send(struct.pack("<i", i))

    def claims(self, i: int) -> bool:
        """Whether query ``i`` is done or being run by the helper (then wait for it)."""
        with self.lock:
            return self.alive and i >= self.starting

    def wait_for(self, i: int) -> bool:
        """Wait until query ``i`` arrived; False if the helper died first."""
        with self.lock:
            while self.results[i] is None and self.alive:
                self.lock.wait()
            return self.results[i] is not None

    def stop(self) -> None:
        if self.proc.returncode is not None:
            return
        self.proc.kill()
        self.proc.wait()
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        self.reader.join(timeout=5)
        self.proc.stdout.close()


def fetch_two_processes(location: str, queries: list[str], run: Callable[[str], list[tuple]],
                        prefixes: str) -> Iterator[list[tuple]]:
    """The rows of each query, in order, each as soon as it is there (the caller's work on one
    result overlaps the helper's on the next); ``run(q)`` runs one in this process, ``prefixes``
    is prepended for the helper, which opens the store at ``location`` read-only."""
    results: list = [None] * len(queries)
    try:
        helper = _Helper(location, [prefixes + q for q in queries], results)
    except OSError:
        yield from (run(q) for q in queries)
        return
    try:
        for i, query in enumerate(queries):
            helper.reached(i)
            if not (helper.claims(i) and helper.wait_for(i)) and results[i] is None:
                results[i] = run(query)
            if i == len(queries) - 1:
                helper.stop()
            rows, results[i] = results[i], None  # not kept once handed over
            yield rows
    finally:
        helper.stop()
