"""Check external links over the network: the statuses, and the checker that assigns them.

One request at a time per URL, many URLs at once (asyncio and httpx), with the
manners a small site owes the services it lists: at most ``per_host`` requests
in flight to one host, a pause between requests to the same host, ``Retry-After``
honoured, and never more than ``max_bytes`` read from any answer.

Entries come from strangers, so the checker is careful too: before every
request (each redirect hop and retry included) it resolves the host itself and
connects to the address it checked; it never requests a link-local or cloud
metadata address, requests loopback and private ones only with
``allow_private``; each link has ``budget`` seconds in all; and no cookie is
ever sent back.

The decisions are pure functions (``classify``, ``redirect_outcome``,
``parse_retry_after``, ``soft_404_reason``, ``normalise``) so they can be tested
without a network; ``Checker`` only moves bytes and calls them.
"""

from __future__ import annotations

import asyncio
import http
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from functools import lru_cache
from html.parser import HTMLParser
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
import yaml
from entries.settings import DEFAULT_DATA

BOT_WALLED_PATH = DEFAULT_DATA / "bot_walled_hosts.yaml"  # in the folder the SIGNPOST_DATA setting names
SKIPPED_SCHEMES = ("tel", "sms", "mailto")
HTTP_SCHEMES = ("http", "https")


class Status(StrEnum):
    """What a link check found, as written in the JSON report and the summary."""

    OK = "ok"  # answers 2xx, perhaps after a temporary redirect
    REDIRECTED = "redirected"  # permanently moved: update the entry to final_url
    BROKEN = "broken"  # 4xx, 5xx after retries, soft 404, redirect loop: fails the check
    TIMEOUT = "timeout"  # no answer in time, after retries
    ERROR = "error"  # DNS, connection or TLS failure
    RATE_LIMITED = "rate-limited"  # 429, and Retry-After asks for longer than we wait
    BLOCKED = "blocked"  # a bot-walled host (data/bot_walled_hosts.yaml) answered 403 or 999
    PRIVATE = "private"  # leads to a loopback, private, link-local or metadata address: fails the check
    SKIPPED = "skipped"  # tel:, sms:, mailto: and other links not checked over the network
    FAILING = "failing"  # --scheduled: broken for the first time; broken if it fails again


PERMANENT_REDIRECTS = frozenset({301, 308})
TEMPORARY_REDIRECTS = frozenset({302, 303, 307})
REDIRECTS = PERMANENT_REDIRECTS | TEMPORARY_REDIRECTS
BOT_WALL_CODES = frozenset({403, 999})
DRAIN_LIMIT = 16 * 1024  # an unwanted body up to this size is read, to keep the connection alive
FAILS = frozenset({Status.BROKEN, Status.PRIVATE})  # the statuses that make `invoke links` fail

# Cloud metadata services hand out a machine's credentials to whoever asks from
# inside it: never requested, whatever the flags. Most live at 169.254.169.254,
# which every link-local address (169.254.0.0/16, fe80::/10) is refused with.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, Google Cloud, Azure, Oracle, OpenStack, DigitalOcean…
        "fd00:ec2::254",  # AWS over IPv6
        "100.100.100.200",  # Alibaba Cloud
    )
)
METADATA_HOSTS = frozenset(
    {"metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com"}
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # IPv6 addresses that reach the IPv4 address in their last 32 bits


@dataclass(frozen=True)
class CheckConfig:
    """How hard and how politely to check. Times are in seconds."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    request_timeout: float = 45.0  # the whole of one request, capped body included
    retries: int = 2  # extra attempts after a 5xx, a timeout or a 429
    backoff: float = 1.0  # first wait before a retry; doubles on each retry
    per_host: int = 2  # requests in flight to one host (host:port) at most
    pause: float = 0.1  # between the starts of two requests to the same host
    max_connections: int = 100  # requests in flight in all
    max_bytes: int = 256 * 1024  # read at most this much of any answer
    max_redirects: int = 10
    retry_after_cap: float = 60.0  # a longer Retry-After makes the link rate-limited
    user_agent: str = (
        "Signpost-linkcheck/1.0 (+https://github.com/signpost-directory/signpost; checks the links of a mental-health directory)"
    )
    budget: float = 30.0  # the most one link may take in all, from its first request: every try, wait and body
    allow_private: bool = False  # request loopback and private addresses (tests' local servers); never link-local
    host_overrides: dict[str, str] = field(default_factory=dict)  # "www.facebook.com" -> "127.0.0.1:8123", private or not
    bot_walled: frozenset[str] | None = None  # None: read data/bot_walled_hosts.yaml
    trust_env: bool = True  # use HTTP(S)_PROXY and friends from the environment

    def backoff_delay(self, attempt: int) -> float:
        """Wait before retry number ``attempt`` (0-based): backoff, 2×backoff, 4×backoff…"""
        return self.backoff * (2**attempt)


@dataclass(frozen=True)
class Result:
    url: str
    status: Status
    http_status: int | None = None
    final_url: str | None = None  # for `redirected`: the URL to write in the entry instead
    message: str = ""
    redirects: tuple[tuple[int, str], ...] = ()  # (status, Location) for each hop followed
    bytes_read: int = 0  # body bytes read in all, over every request for this URL
    requests: int = 0  # HTTP requests sent for this URL, retries included
    # the start of the page (its first max_bytes), kept only when asked (``check(url, keep_body=True)``): the drift check reads it
    body: str | None = field(default=None, repr=False, compare=False)


# -- pure decisions -------------------------------------------------------------------


def normalise(url: str) -> str:
    """The URL as it is requested and reported: one spelling per resource.

    Lower-case scheme and host, no default port, no fragment (never sent to the
    server), "/" for an empty path, and https: for a protocol-relative //link.
    Anything that is not http(s) is returned as written.
    """
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in HTTP_SCHEMES or not parts.hostname:
        return url
    try:
        port = parts.port
    except ValueError:
        return url
    host = parts.hostname.rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    if port and port != (443 if scheme == "https" else 80):
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def host_key(url: str) -> str:
    """What the per-host limit counts by: host[:port], lower case."""
    return urlsplit(url).netloc.rpartition("@")[2].lower()


def is_bot_walled(host: str, walled: Iterable[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == name or host.endswith("." + name) for name in walled)


@lru_cache(maxsize=4)
def load_bot_walled(path: str | Path = BOT_WALLED_PATH) -> frozenset[str]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return frozenset(str(name).lower().strip().rstrip(".") for name in data.get("hosts") or [])


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _ipv4_inside(address: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 one stands for (::ffff:a.b.c.d, 6to4, NAT64), else the address itself."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return address.ipv4_mapped
        if address.sixtofour:
            return address.sixtofour
        if address in NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def never_requested(address: IPAddress) -> str | None:
    """Why ``address`` is never requested, whatever the flags (cloud metadata, link-local); None when it may be."""
    for candidate in (address, _ipv4_inside(address)):
        if candidate in METADATA_ADDRESSES:
            return "a cloud metadata address"
        if candidate.is_link_local:
            return "a link-local address"
    return None


def private_kind(address: IPAddress) -> str | None:
    """What kind of address that is not on the public internet ``address`` is; None for a public one."""
    address = _ipv4_inside(address)
    if address.is_loopback or address.is_unspecified:
        return "a loopback address (this machine)"
    if address.is_private:
        return "a private network address"
    if not address.is_global:
        return "an address that is not on the public internet"
    return None


def is_metadata_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == name or host.endswith("." + name) for name in METADATA_HOSTS)


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date.

    ``now`` is an aware datetime. A date in the past means 0; a header that is
    neither form means None (the caller falls back to its own backoff).
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # "-0000" in the header: RFC 5322 says the zone is unknown; HTTP says GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def reason_phrase(code: int) -> str:
    if code == 999:
        return "Request denied"
    try:
        return http.HTTPStatus(code).phrase
    except ValueError:
        return ""


def describe_code(code: int) -> str:
    phrase = reason_phrase(code)
    return f"HTTP {code} {phrase}".rstrip()


def classify(code: int, url: str, bot_walled: Iterable[str] = ()) -> tuple[Status, str]:
    """The status of a final (non-redirect) answer ``code`` from ``url``, with a message."""
    host = urlsplit(url).hostname or ""
    if 200 <= code < 300:
        return Status.OK, ""
    if code in BOT_WALL_CODES and is_bot_walled(host, bot_walled):
        return Status.BLOCKED, f"{describe_code(code)}: {host} turns away link checkers; open the link in a browser to check it"
    if code == 429:
        return Status.RATE_LIMITED, f"{describe_code(code)}: the server asked us to slow down"
    if code == 401:
        return Status.BROKEN, f"{describe_code(code)}: the page needs a login"
    if code == 410:
        return Status.BROKEN, f"{describe_code(code)}: the page was removed"
    if 300 <= code < 400:
        return Status.BROKEN, f"{describe_code(code)} without a Location to go to"
    if code >= 500:
        return Status.BROKEN, f"{describe_code(code)}: the server failed"
    return Status.BROKEN, describe_code(code)


def redirect_outcome(url: str, hops: Iterable[tuple[int, str]]) -> tuple[Status, str | None, str]:
    """(status, final_url, message) for a link that ended on a working page after ``hops``.

    ``hops`` are (status, target) pairs in order. The permanent redirects (301,
    308) at the start of the chain say where the entry should point now: that
    is ``final_url``. A chain that starts with a temporary redirect (302, 303,
    307) leaves the link as it is: ``ok``, with a message.
    """
    hops = list(hops)
    if not hops:
        return Status.OK, None, ""
    final = None
    for code, target in hops:
        if code not in PERMANENT_REDIRECTS:
            break
        final = target
    if final is not None:
        return Status.REDIRECTED, final, f"moved permanently ({hops[0][0]}) to {final}; update the entry"
    return Status.OK, None, f"redirects temporarily ({hops[0][0]}) to {hops[-1][1]}"


SOFT_404 = re.compile(
    r"\b(?:(?:page|file|content)\s+)?not\s+found\b|\b404\b|"
    r"\bpage\s+(?:does\s+not|doesn't|doesn’t)\s+exist\b|\bpage\s+(?:cannot|can't|can’t|could\s+not)\s+be\s+found\b",
    re.I,
)


class _TitleAndHeading(HTMLParser):
    """Collects the <title> and the first h1–h6 of a page, then stops caring."""

    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title: str | None = None
        self.heading: str | None = None
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self._in is None and ((tag == "title" and self.title is None) or (tag in self.HEADINGS and self.heading is None)):
            self._in, self._text = tag, []

    def handle_endtag(self, tag):
        if tag == self._in:
            text = " ".join("".join(self._text).split())
            if tag == "title":
                self.title = text
            else:
                self.heading = text
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            self._text.append(data)


def soft_404_reason(html: str) -> str | None:
    """Why a page that answered 200 is really a "not found" page, or None when it is not."""
    parser = _TitleAndHeading()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # a page too broken to parse is not evidence of anything
        return None
    for what, text in (("title", parser.title), ("first heading", parser.heading)):
        if text and SOFT_404.search(text):
            return f"its {what} says '{text[:80]}'"
    return None


def is_html(content_type: str | None) -> bool:
    """Whether an answer may be an HTML page (a missing Content-Type may be one too)."""
    if not content_type:
        return True
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind in ("text/html", "application/xhtml+xml")


def head_refused(code: int) -> bool:
    """Answers to HEAD that often mean "not HEAD" rather than "not here": try GET."""
    return code in (501, 999) or (400 <= code < 600 and code not in (401, 407, 429))


def describe_error(exc: BaseException, config: CheckConfig) -> tuple[Status, str]:
    """The status and message for a request that got no HTTP answer."""
    text = re.sub(r"^\[Errno -?\d+\]\s*", "", str(exc)) or type(exc).__name__
    if isinstance(exc, (httpx.TimeoutException, TimeoutError)):
        if isinstance(exc, httpx.ConnectTimeout):
            return Status.TIMEOUT, f"could not connect within {config.connect_timeout:g} s"
        if isinstance(exc, httpx.ReadTimeout):
            return Status.TIMEOUT, f"no answer within {config.read_timeout:g} s"
        return Status.TIMEOUT, f"no complete answer within {config.request_timeout:g} s"
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError)):
        return Status.BROKEN, f"not a valid web address: {text}"
    lowered = text.lower()
    if any(
        s in lowered
        for s in ("name or service not known", "nodename nor servname", "getaddrinfo", "no address associated", "name resolution")
    ):
        return Status.ERROR, f"DNS: the host name does not resolve ({text})"
    if any(s in lowered for s in ("certificate", "ssl", "tls", "handshake")):
        return Status.ERROR, f"TLS: {text}"
    if "refused" in lowered:
        return Status.ERROR, f"connection refused ({text})"
    if isinstance(exc, httpx.ConnectError):
        return Status.ERROR, f"could not connect: {text}"
    return Status.ERROR, f"connection dropped: {text}"


# -- the per-host limiter -------------------------------------------------------------


class HostLimiter:
    """At most ``per_host`` requests in flight per host, starts ``pause`` apart, ``total`` in all.

    ``hold(host, seconds)`` keeps every request to that host waiting, as a
    Retry-After asks.
    """

    def __init__(self, per_host: int, pause: float, total: int | None = None):
        self.per_host = max(1, per_host)
        self.pause = max(0.0, pause)
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._total = asyncio.Semaphore(total) if total else None

    def hold(self, host: str, seconds: float) -> None:
        until = time.monotonic() + seconds
        self._next_start[host] = max(self._next_start.get(host, 0.0), until)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        semaphore = self._slots.setdefault(host, asyncio.Semaphore(self.per_host))
        async with semaphore:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, 0.0))
            self._next_start[host] = start + self.pause  # no await since the read: no race
            if start > now:
                await asyncio.sleep(start - now)
            if self._total is None:
                yield
            else:
                async with self._total:
                    yield


# -- the checker ----------------------------------------------------------------------


class _Failure(Exception):
    def __init__(self, status: Status, message: str, http_status: int | None = None):
        super().__init__(message)
        self.status, self.message, self.http_status = status, message, http_status


@dataclass
class _Answer:
    code: int
    headers: httpx.Headers
    body: str | None = None  # the start of an HTML body, for a GET that was asked to read it


@dataclass
class _Trace:
    requests: int = 0
    bytes_read: int = 0
    hops: list[tuple[int, str]] = field(default_factory=list)
    budget: asyncio.Timeout | None = None  # the link's time budget, set going by its first request


@dataclass(frozen=True)
class _Target:
    """Where one request goes: the address checked for it, with the host's own name for Host and TLS."""

    url: str
    headers: dict[str, str]
    extensions: dict[str, str]


class Checker:
    """Checks URLs with one limiter and a small connection pool per host. Use as ``async with Checker(config) as c``."""

    def __init__(self, config: CheckConfig | None = None):
        self.config = config or CheckConfig()
        self.bot_walled = self.config.bot_walled if self.config.bot_walled is not None else load_bot_walled()
        self.limiter = HostLimiter(self.config.per_host, self.config.pause, self.config.max_connections)
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._tls: ssl.SSLContext | None = None

    async def __aenter__(self) -> Checker:
        self._tls = httpx.create_ssl_context(trust_env=self.config.trust_env)  # built once, shared by every pool
        return self

    async def __aexit__(self, *exc) -> None:
        clients, self._clients = list(self._clients.values()), {}
        await asyncio.gather(*(client.aclose() for client in clients))
        self._tls = None

    def _client_for(self, host: str) -> httpx.AsyncClient:
        """The host's own pool, as big as the per-host limit; its connections are kept alive between requests.

        One pool per host rather than one for all: httpcore's pool bookkeeping
        costs time in the square of its connections, which one shared pool of a
        hundred connections pays on every request.
        """
        client = self._clients.get(host)
        if client is None:
            assert self._tls is not None, "use Checker inside `async with`"
            c = self.config
            client = httpx.AsyncClient(
                follow_redirects=False,
                cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),  # accepts no cookie, so sends none back
                timeout=httpx.Timeout(connect=c.connect_timeout, read=c.read_timeout, write=c.read_timeout, pool=None),
                limits=httpx.Limits(max_connections=c.per_host, max_keepalive_connections=c.per_host),
                headers={"User-Agent": c.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"},
                trust_env=c.trust_env,
                verify=self._tls,
            )
            self._clients[host] = client
        return client

    async def check(self, url: str, keep_body: bool = False) -> Result:
        """Check one URL; never raises for anything the network does.

        With ``keep_body``, a working HTML page's start (what was read of it) comes back as ``Result.body``.
        """
        scheme = urlsplit(url).scheme.lower()
        if scheme in SKIPPED_SCHEMES:
            return Result(url, Status.SKIPPED, message=f"{scheme}: links are not checked over the network")
        if scheme not in HTTP_SCHEMES and not url.startswith("//"):
            return Result(url, Status.SKIPPED, message=f"{scheme or 'this kind of'} link is not checked")
        trace = _Trace()
        try:
            async with asyncio.timeout(None) as budget:  # no deadline until the link's first request is sent
                trace.budget = budget
                result = await self._check_http(normalise(url), trace)
        except _Failure as failure:
            result = Result(url, failure.status, http_status=failure.http_status, message=failure.message)
        except TimeoutError:
            tries = f", {trace.requests} requests" if trace.requests > 1 else ""
            message = f"no complete answer within {self.config.budget:g} s, the time one link may take in all{tries}"
            result = Result(url, Status.TIMEOUT, message=message)
        return Result(
            url,
            result.status,
            http_status=result.http_status,
            final_url=result.final_url,
            message=result.message,
            redirects=tuple(trace.hops),
            bytes_read=trace.bytes_read,
            requests=trace.requests,
            body=result.body if keep_body else None,
        )

    async def _check_http(self, url: str, trace: _Trace) -> Result:
        c = self.config
        method = "HEAD"
        current = url
        seen = {url}
        while True:
            answer = await self._fetch_tolerant(current, method, trace)
            if method == "HEAD" and (answer is None or head_refused(answer.code)):
                method = "GET"  # this server does not do HEAD properly: GET from here on
                answer = await self._fetch(current, method, trace, read_html=True)
            location = answer.headers.get("location")
            if answer.code in REDIRECTS and location:
                target = normalise(urljoin(current, location.strip()))
                trace.hops.append((answer.code, target))
                if target in seen:
                    chain = " → ".join([url] + [t for _, t in trace.hops])
                    raise _Failure(Status.BROKEN, f"redirect loop: {chain}", answer.code)
                if len(trace.hops) > c.max_redirects:
                    raise _Failure(Status.BROKEN, f"more than {c.max_redirects} redirects", answer.code)
                seen.add(target)
                current = target
                continue
            break
        status, message = classify(answer.code, current, self.bot_walled)
        if status is Status.OK and method == "HEAD" and is_html(answer.headers.get("content-type")):
            # a HEAD cannot see a "Page not found" page served with 200: read the start of it
            page = await self._fetch(current, "GET", trace, read_html=True)
            if not (200 <= page.code < 400):
                answer = page
                status, message = classify(page.code, current, self.bot_walled)
            else:
                answer.body = page.body
        if status is Status.OK and answer.body is not None:
            reason = soft_404_reason(answer.body)
            if reason:
                where = f" (at {current})" if current != url else ""
                return Result(url, Status.BROKEN, answer.code, message=f"soft 404: the page answers {answer.code} but {reason}{where}")
        if status is not Status.OK:
            if trace.hops:
                message = f"{message} (after redirects to {current})"
            return Result(url, status, answer.code, message=message)
        status, final_url, message = redirect_outcome(url, trace.hops)
        code = trace.hops[0][0] if status is Status.REDIRECTED else answer.code
        return Result(url, status, code, final_url=final_url, message=message, body=answer.body)

    async def _fetch_tolerant(self, url: str, method: str, trace: _Trace) -> _Answer | None:
        """A HEAD that some servers answer by dropping the connection: None means "try GET"."""
        try:
            return await self._fetch(url, method, trace)
        except _Failure as failure:
            if method == "HEAD" and failure.status is Status.ERROR and "connection dropped" in failure.message:
                return None
            raise

    async def _fetch(self, url: str, method: str, trace: _Trace, read_html: bool = False) -> _Answer:
        """One request with its retries: 5xx and timeouts back off, 429 waits as asked."""
        c = self.config
        host = host_key(url)
        attempt = 0
        while True:
            try:
                answer = await self._request(url, method, trace, read_html)
            except (httpx.HTTPError, httpx.InvalidURL, TimeoutError, ValueError) as exc:
                status, message = describe_error(exc, c)
                if status is Status.TIMEOUT and attempt < c.retries:
                    await asyncio.sleep(c.backoff_delay(attempt))
                    attempt += 1
                    continue
                if status is Status.TIMEOUT and attempt:
                    message = f"{message}, {attempt + 1} tries"
                raise _Failure(status, message) from exc
            code = answer.code
            if code == 429 or (code >= 500 and code != 501):
                wait = parse_retry_after(answer.headers.get("retry-after"), datetime.now(UTC))
                if code == 429 and wait is not None and wait > c.retry_after_cap:
                    raise _Failure(
                        Status.RATE_LIMITED, f"HTTP 429: asked to wait {wait:.0f} s, more than the {c.retry_after_cap:g} s we wait", code
                    )
                if attempt >= c.retries:
                    if code == 429:
                        raise _Failure(Status.RATE_LIMITED, f"HTTP 429 Too Many Requests, {attempt + 1} tries", code)
                    return answer
                if wait is None or wait > c.retry_after_cap:
                    wait = c.backoff_delay(attempt)
                self.limiter.hold(host, wait)  # every request to this host waits, not only this one
                attempt += 1
                continue
            return answer

    async def _target(self, url: str, trace: _Trace) -> _Target:
        """Where to send a request for ``url``: the address its host resolves to now, once checked.

        The request goes to that very address (with the host's name in the Host
        header and for TLS), so a second lookup cannot swap in another one. A
        host override sends it to a local server instead, keeping Host and the path.
        """
        wanted = httpx.URL(url)
        override = self.config.host_overrides.get(wanted.host)
        connect = httpx.URL(f"http://{override}") if override else wanted
        name = connect.raw_host.decode("ascii")
        port = connect.port or (443 if connect.scheme == "https" else 80)
        where = f"a redirect leads to {url}, but " if trace.hops else ""
        if is_metadata_host(wanted.host) or is_metadata_host(name):
            raise _Failure(Status.PRIVATE, f"{where}{wanted.host} is a cloud metadata service: never requested")
        # an override's address is the operator's choice (tests, the benchmark), not an entry's: it may be private
        allow_private = self.config.allow_private or bool(override)
        address = self._checked(wanted.host, await self._resolve(name, port), where, allow_private)
        headers, extensions = {}, {}
        if override or str(address) != name:
            headers["Host"] = wanted.netloc.decode("ascii")
            if connect.scheme == "https":
                extensions["sni_hostname"] = name  # the certificate must be the host's, not the address's
        return _Target(str(connect.copy_with(host=str(address), raw_path=wanted.raw_path)), headers, extensions)

    async def _resolve(self, name: str, port: int) -> list[IPAddress]:
        """The addresses ``name`` resolves to now (an address written in the URL is itself)."""
        try:
            return [ipaddress.ip_address(name)]
        except ValueError:
            pass
        try:
            found = await asyncio.get_running_loop().getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except UnicodeError as exc:  # a label longer than DNS allows
            raise _Failure(Status.BROKEN, f"not a valid web address: the host name {name} cannot be looked up ({exc})") from exc
        except OSError as exc:
            raise _Failure(*describe_error(exc, self.config)) from exc
        return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in found))

    def _checked(self, host: str, addresses: list[IPAddress], where: str, allow_private: bool) -> IPAddress:
        """The address to connect to, when every address ``host`` resolves to may be requested."""
        for address in addresses:
            is_ = f"{host} resolves to {address}," if str(address) != host else f"{address} is"
            why = never_requested(address)
            if why:
                raise _Failure(Status.PRIVATE, f"{where}{is_} {why}: never requested")
            kind = private_kind(address)
            if kind and not allow_private:
                raise _Failure(
                    Status.PRIVATE,
                    f"{where}{is_} {kind}, not a public website; link to the service's public web address"
                    " (--allow-private checks it, for tests against local servers)",
                )
        return addresses[0]

    async def _request(self, url: str, method: str, trace: _Trace, read_html: bool) -> _Answer:
        host = host_key(url)
        async with self.limiter.slot(host):
            if trace.budget is not None and trace.budget.when() is None:  # the link's first request starts its budget
                trace.budget.reschedule(asyncio.get_running_loop().time() + self.config.budget)
            target = await self._target(url, trace)
            trace.requests += 1
            async with asyncio.timeout(self.config.request_timeout):
                client = self._client_for(host)
                async with client.stream(method, target.url, headers=target.headers, extensions=target.extensions) as response:
                    answer = _Answer(response.status_code, response.headers)
                    wanted = read_html and method == "GET" and 200 <= response.status_code < 300
                    if wanted and is_html(response.headers.get("content-type")):
                        answer.body = await self._read_capped(response, trace)
                    else:
                        await self._drain(response, trace)
                    return answer

    async def _drain(self, response: httpx.Response, trace: _Trace) -> None:
        """Read a small unwanted body (a HEAD's is empty) so the connection can be used again; leave a big one unread."""
        length = response.headers.get("content-length", "")
        if response.request.method == "HEAD" or (length.isdigit() and int(length) <= DRAIN_LIMIT):
            body = await response.aread()
            trace.bytes_read += len(body)

    async def _read_capped(self, response: httpx.Response, trace: _Trace) -> str:
        """The first ``max_bytes`` of the body; the rest is never read (the connection is dropped)."""
        cap = self.config.max_bytes
        chunks: list[bytes] = []
        got = 0
        async for chunk in response.aiter_bytes(chunk_size=min(cap, 16384) or 1):
            take = chunk[: cap - got]
            chunks.append(take)
            got += len(take)
            if got >= cap:
                break
        trace.bytes_read += got
        return b"".join(chunks).decode(response.charset_encoding or "utf-8", errors="replace")


async def check_urls(
    urls: Iterable[str],
    config: CheckConfig | None = None,
    on_result: Callable[[Result], None] | None = None,
    keep_bodies: Iterable[str] = (),
) -> dict[str, Result]:
    """Check every URL concurrently (each once); ``on_result`` is called as each finishes.

    The results for the URLs in ``keep_bodies`` carry the start of their page (``Result.body``).
    """
    unique = sorted(set(urls))
    keep = set(keep_bodies)
    async with Checker(config) as checker:

        async def one(url: str) -> Result:
            result = await checker.check(url, keep_body=url in keep)
            if on_result is not None:
                on_result(result)
            return result

        results = await asyncio.gather(*(one(url) for url in unique))
    return {result.url: result for result in results}


def check_all(
    urls: Iterable[str],
    config: CheckConfig | None = None,
    on_result: Callable[[Result], None] | None = None,
    keep_bodies: Iterable[str] = (),
) -> dict[str, Result]:
    """``check_urls`` for callers without an event loop."""
    return asyncio.run(check_urls(urls, config, on_result, keep_bodies))
