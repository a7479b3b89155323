"""SPARQL servers started on loopback for the benches: Oxigraph server and Virtuoso.

    from bench.servers import start_oxigraph, start_virtuoso, virtuoso_available
    server, gsp_url = start_oxigraph(tmp)        # Graph Store Protocol URL
    server, sql_port = start_virtuoso(tmp)       # ISQL port (bulk loader)
    server.camket_url                            # what `camket --store` takes
    server.stop()

Each server lives in its own folder under ``tmp`` and is stopped by its own
pid. Oxigraph comes from the pip package ``oxigraph`` (test extras);
Virtuoso from Debian's ``virtuoso-opensource`` (``virtuoso-t``, ``isql-vt``).
Virtuoso's anonymous ``SPARQL`` account is granted ``SPARQL_UPDATE`` so that
camket can write through the Graph Store Protocol (loopback only).
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}, /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
MaxQueryMem = 1G
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 600
DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, seconds: float = 60) -> None:
    import httpx
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not answer within {seconds:.0f} s")


class Server:
    """A SPARQL server process this bench started (stopped by its own pid)."""

    def __init__(self, cmd: list[str], query_url: str, ready_url: str, cwd: Path, camket_url: str):
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.query_url = query_url
        self.camket_url = camket_url  # the --store value that makes camket read and write here
        wait_http(ready_url)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def start_oxigraph(tmp: Path) -> tuple[Server, str]:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server([exe, "serve", "--location", str(tmp / "oxigraph"), "--bind", f"127.0.0.1:{port}",
                     "--union-default-graph"],
                    f"{base}/query", f"{base}/query?query=ASK%7B%7D", tmp, base)
    return server, f"{base}/store"


def start_virtuoso(tmp: Path) -> tuple[Server, int]:
    d = tmp / "virtuoso"
    d.mkdir()
    sql, http = free_port(), free_port()
    (d / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=d, sql=sql, http=http), encoding="utf-8")
    base = f"http://127.0.0.1:{http}"
    server = Server(["virtuoso-t", "+foreground", "+configfile", str(d / "virtuoso.ini")],
                    f"{base}/sparql", f"{base}/sparql?query=ASK%7B%7D", d,
                    f"{base}/sparql#query=/sparql&update=/sparql&store=/sparql-graph-crud")
    isql(sql, 'grant SPARQL_UPDATE to "SPARQL";\n')
    return server, sql


def virtuoso_available() -> bool:
    return bool(shutil.which("virtuoso-t") and shutil.which("isql-vt"))


def isql(sql_port: int, script: str, timeout: float = 3600) -> str:
    """Run an ISQL script as dba; the output, or RuntimeError naming what failed."""
    res = subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba"], input=script, text=True,
                         capture_output=True, timeout=timeout)
    if res.returncode != 0 or "Error" in res.stdout:
        raise RuntimeError(f"virtuoso isql failed: {res.stdout[-500:]} {res.stderr[-500:]}")
    return res.stdout




def start_camket_api(store: str, port: int | None = None, *extra: str) -> tuple[subprocess.Popen, str]:
    """``camket serve --read-only`` on ``store`` (a folder or a server URL); the process and its base URL."""
    port = port or free_port()
    camket = Path(sys.executable).parent / "camket"
    proc = subprocess.Popen([str(camket), "serve", "--store", store, "--read-only", "--port", str(port),
                             "--log-level", "warning", *extra], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/openapi.json", seconds=120)
    except RuntimeError:
        proc.kill()
        raise
    return proc, base
