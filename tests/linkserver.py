"""Web servers on 127.0.0.1 for the link checker's tests and benchmark: no test touches the internet.

Tests build a server from routes, one tiny scenario per path (Sphinx's linkcheck
tests do the same)::

    with serve({"/": reply(200), "/old": redirect(301, "/")}) as server:
        server.url("/old")

Every server counts what it saw: the requests (method, path, Host header) and
their headers, the most requests it had in flight at once, and the body bytes it
managed to send. ``serve(routes, tls=context)`` serves HTTPS.

``python tests/linkserver.py bench --servers 50 --delay 0.1`` runs the
benchmark's servers in a process of their own (so they do not share a GIL with
the checker being timed) and prints their ports as JSON on the first line.
"""

from __future__ import annotations

import argparse
import json
import socket
import ssl
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Route = Callable[["Handler"], None]


@dataclass
class Stats:
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, Host)
    headers: list[dict[str, str]] = field(default_factory=list)  # each request's headers, names in lower case
    in_flight: int = 0
    max_in_flight: int = 0
    bytes_sent: int = 0
    starts: list[float] = field(default_factory=list)  # time.monotonic() at each request
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, path: str | None = None, method: str | None = None) -> int:
        with self.lock:
            return sum(1 for m, p, _ in self.requests if (path is None or p == path) and (method is None or m == method))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    server: LinkServer

    def do_GET(self):
        self.server.dispatch(self)

    def do_HEAD(self):
        self.server.dispatch(self)

    def log_message(self, format, *args):  # quiet
        pass

    @property
    def path_only(self) -> str:
        return urlsplit(self.path).path

    def send(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        """A whole answer: headers, then the body unless this is a HEAD."""
        self.send_response(code)
        headers = dict(headers or {})
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)
            with self.server.stats.lock:
                self.server.stats.bytes_sent += len(body)


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, routes: dict[str, Route], host: str = "127.0.0.1", default: Route | None = None, tls: ssl.SSLContext | None = None):
        super().__init__((host, 0), Handler)
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.routes = routes
        self.default = default or reply(404, "<title>Not here</title>")
        self.stats = Stats()

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def netloc(self) -> str:
        return f"{self.server_address[0]}:{self.port}"

    def url(self, path: str = "/") -> str:
        return f"{self.scheme}://{self.netloc}{path}"

    def dispatch(self, handler: Handler) -> None:
        stats = self.stats
        with stats.lock:
            stats.requests.append((handler.command, handler.path_only, handler.headers.get("Host", "")))
            stats.headers.append({name.lower(): value for name, value in handler.headers.items()})
            stats.starts.append(time.monotonic())
            stats.in_flight += 1
            stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
        try:
            self.routes.get(handler.path_only, self.default)(handler)
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True  # the checker stopped reading, as it should
        finally:
            with stats.lock:
                stats.in_flight -= 1

    def handle_error(self, request, client_address):  # a client that hung up is not a test failure
        pass


@contextmanager
def serve(
    routes: dict[str, Route], host: str = "127.0.0.1", default: Route | None = None, tls: ssl.SSLContext | None = None
) -> Iterator[LinkServer]:
    """A LinkServer on a free port of ``host``, serving in a thread until the block ends (HTTPS with ``tls``)."""
    server = LinkServer(routes, host, default, tls)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


# -- routes ---------------------------------------------------------------------------

HTML = "text/html; charset=utf-8"


def page(title: str = "A working page", heading: str = "Welcome") -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body><h1>{heading}</h1><p>Hello.</p></body></html>"


def reply(code: int = 200, body: str | bytes | None = None, headers: dict[str, str] | None = None, content_type: str = HTML) -> Route:
    if body is None:
        body = page() if code == 200 else ""
    data = body if isinstance(body, bytes) else body.encode()

    def route(h: Handler) -> None:
        h.send(code, data, {"Content-Type": content_type, **(headers or {})})

    return route


def redirect(code: int, location: str) -> Route:
    return reply(code, b"", {"Location": location})


def by_method(head: Route, get: Route) -> Route:
    def route(h: Handler) -> None:
        (head if h.command == "HEAD" else get)(h)

    return route


def sequence(*routes: Route) -> Route:
    """The first request gets the first route, the next the second…; the last repeats."""
    calls = iter(routes)
    last = [routes[-1]]
    lock = threading.Lock()

    def route(h: Handler) -> None:
        with lock:
            current = next(calls, last[0])
        current(h)

    return route


def retry_after_date(seconds: float) -> Route:
    """429 with Retry-After as an HTTP-date ``seconds`` from the moment of the request."""

    def route(h: Handler) -> None:
        h.send(429, b"", {"Retry-After": formatdate(time.time() + seconds, usegmt=True)})

    return route


def slow(seconds: float, then: Route) -> Route:
    def route(h: Handler) -> None:
        time.sleep(seconds)
        then(h)

    return route


def reset(h: Handler) -> None:
    """Drop the connection with a TCP reset before answering."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.close_connection = True


def trickle(interval: float, piece: bytes = b" ") -> Route:
    """A 200 HTML page whose body never ends: ``piece`` every ``interval`` seconds until the client hangs up."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Content-Length", str(1024 * 1024 * 1024))
        h.end_headers()
        if h.command == "HEAD":
            return
        h.close_connection = True
        h.wfile.write(b"<!doctype html><title>Slowly</title>")
        while True:  # until the write fails: BrokenPipeError, which dispatch expects
            h.wfile.write(piece)
            h.wfile.flush()
            with h.server.stats.lock:
                h.server.stats.bytes_sent += len(piece)
            time.sleep(interval)

    return route


def huge(size: int, chunk: int = 64 * 1024) -> Route:
    """A 200 HTML page of ``size`` bytes, sent a chunk at a time; stats.bytes_sent says how far it got."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Content-Length", str(size))
        h.end_headers()
        if h.command == "HEAD":
            return
        h.close_connection = True
        block = (b"<p>" + b"x" * (chunk - 7) + b"</p>\n")[:chunk]
        sent = 0
        head = page("Large page").encode()
        h.wfile.write(head)
        sent += len(head)
        while sent < size:
            piece = block[: size - sent]
            h.wfile.write(piece)
            sent += len(piece)
            with h.server.stats.lock:
                h.server.stats.bytes_sent += len(piece)

    return route


# -- the benchmark's servers, in a process of their own -------------------------------


class BenchServer(LinkServer):
    """Answers every path after ``delay`` seconds: /page/N with an HTML page, anything else with 404."""

    def __init__(self, delay: float):
        self.delay = delay
        super().__init__({}, default=self._answer)

    def _answer(self, h: Handler) -> None:
        time.sleep(self.delay)
        if h.path_only.startswith("/page/"):
            reply(200, page(f"Page {h.path_only[6:]}"))(h)
        else:
            reply(404, "<title>Not found</title>")(h)


def bench_main(servers: int, per_server: int, delay: float) -> None:
    pool = [BenchServer(delay) for _ in range(servers)]
    urls = bench_urls([server.port for server in pool], per_server)
    for server in pool:
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def control(h: Handler) -> None:
        path = h.path_only
        if path == "/stats":
            data = []
            for server in pool:
                with server.stats.lock:
                    pages = {p for _, p, _ in server.stats.requests if p.startswith("/page/")}
                    data.append(
                        {
                            "port": server.port,
                            "requests": len(server.stats.requests),
                            "pages": len(pages),
                            "max_in_flight": server.stats.max_in_flight,
                        }
                    )
            h.send(200, json.dumps(data).encode(), {"Content-Type": "application/json"})
        elif path == "/reset":
            for server in pool:
                with server.stats.lock:
                    server.stats = Stats()
            h.send(200, b"reset", {"Content-Type": "text/plain"})
        elif path == "/index.html":
            links = "\n".join(f'<a href="{url}">{url}</a><br>' for url in urls)
            h.send(200, f"<!doctype html><title>Links</title>{links}".encode(), {"Content-Type": HTML})
        else:
            h.send(404, b"", {"Content-Type": "text/plain"})

    controller = LinkServer({}, default=control)
    threading.Thread(target=controller.serve_forever, daemon=True).start()
    print(json.dumps({"control": controller.port, "ports": [server.port for server in pool]}), flush=True)
    try:
        sys.stdin.read()  # serve until the parent closes our stdin (or exits)
    finally:
        for server in [*pool, controller]:
            server.shutdown()


def bench_urls(ports: list[int], per_server: int) -> list[str]:
    """The URLs of the benchmark, interleaved so that no checker meets one host at a time."""
    return [f"http://127.0.0.1:{port}/page/{n}" for n in range(per_server) for port in ports]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("mode", choices=["bench"])
    parser.add_argument("--servers", type=int, default=50)
    parser.add_argument("--per-server", type=int, default=40)
    parser.add_argument("--delay", type=float, default=0.1)
    args = parser.parse_args()
    bench_main(args.servers, args.per_server, args.delay)
