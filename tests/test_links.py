"""`invoke links`: the network link checker, against servers on 127.0.0.1 (never the internet).

One tiny server per behaviour (tests/linkserver.py), small timeouts and backoffs
so the whole file runs in a few seconds. The servers are on 127.0.0.1, a loopback
address the checker requests only when allowed: FAST allows it.
"""

from __future__ import annotations

import io
import ipaddress
import json
import shutil
import socket
import ssl
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from entries.changes import ChangesError, changed_entry_files
from entries.links import Link
from linkcheck import cache as link_cache
from linkcheck import command as links_command
from linkcheck.check import (
    CheckConfig,
    Result,
    Status,
    check_all,
    classify,
    head_refused,
    is_bot_walled,
    load_bot_walled,
    never_requested,
    normalise,
    parse_retry_after,
    private_kind,
    redirect_outcome,
    soft_404_reason,
)
from linkserver import by_method, huge, redirect, reply, reset, retry_after_date, sequence, serve, slow, trickle
from rich.console import Console

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
FAST = CheckConfig(
    connect_timeout=1.0,
    read_timeout=0.3,
    request_timeout=5.0,
    retries=2,
    backoff=0.01,
    pause=0.0,
    retry_after_cap=3.0,
    max_bytes=64 * 1024,
    trust_env=False,
    allow_private=True,  # the test servers are on 127.0.0.1
)


def config(**changes) -> CheckConfig:
    values = {name: getattr(FAST, name) for name in FAST.__dataclass_fields__}
    values.update(changes)
    return CheckConfig(**values)


def check(url: str, **changes) -> Result:
    return check_all([url], config(**changes))[url]


# -- pure decisions -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("120", 120.0),
        ("0", 0.0),
        ("Sat, 21 Nov 2026 12:00:30 GMT", 30.0),
        ("Sat, 21 Nov 2026 11:59:00 GMT", 0.0),  # already past: go now
        ("soon", None),
        ("", None),
        (None, None),
        ("-5", None),
    ],
)
def test_parse_retry_after_takes_seconds_or_an_http_date(value, expected):
    assert parse_retry_after(value, NOW) == expected


@pytest.mark.parametrize(
    "html, soft",
    [
        ("<title>Page not found | Samaritans</title><h1>Sorry</h1>", True),
        ("<title>Samaritans</title><h1>404</h1>", True),
        ("<title>Error 404</title>", True),
        ("<title>Oops</title><body><h2>The page you asked for was not found</h2>", True),
        ("<title>Mind</title><h1>Talk to us</h1><p>Search results: not found</p>", False),  # not the title or first heading
        ("<title>Mind</title><h1>Welcome</h1><h2>Not found what you need?</h2>", False),  # only the first heading counts
        ("<title>Crisis line 24/7</title>", False),
        ("", False),
    ],
)
def test_soft_404_reads_the_title_and_the_first_heading(html, soft):
    assert (soft_404_reason(html) is not None) is soft


def test_soft_404_reason_says_where():
    assert soft_404_reason("<title>Page Not Found</title>") == "its title says 'Page Not Found'"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("HTTPS://WWW.Example.ORG", "https://www.example.org/"),
        ("https://example.org:443/a#section", "https://example.org/a"),
        ("http://example.org:8080/a?b=1", "http://example.org:8080/a?b=1"),
        ("//example.org/x", "https://example.org/x"),
        ("mailto:help@example.org", "mailto:help@example.org"),
    ],
)
def test_normalise(url, expected):
    assert normalise(url) == expected


def test_classify_and_bot_walled_hosts():
    walled = load_bot_walled()
    assert {"facebook.com", "instagram.com", "linkedin.com", "x.com", "twitter.com", "tiktok.com", "threads.net"} <= walled
    assert is_bot_walled("m.facebook.com", walled) and not is_bot_walled("notfacebook.com", walled)
    assert classify(200, "https://example.org/", walled)[0] is Status.OK
    assert classify(403, "https://www.linkedin.com/company/x", walled)[0] is Status.BLOCKED
    assert classify(999, "https://www.linkedin.com/company/x", walled)[0] is Status.BLOCKED
    assert classify(403, "https://example.org/", walled)[0] is Status.BROKEN
    assert classify(404, "https://www.facebook.com/x", walled)[0] is Status.BROKEN
    assert classify(429, "https://example.org/", walled)[0] is Status.RATE_LIMITED
    assert head_refused(405) and head_refused(501) and head_refused(404) and not head_refused(429) and not head_refused(200)


def test_redirect_outcome_takes_the_permanent_hops_only():
    assert redirect_outcome("http://a/", []) == (Status.OK, None, "")
    status, final, _ = redirect_outcome("http://a/", [(301, "http://b/"), (308, "http://c/"), (302, "http://d/")])
    assert (status, final) == (Status.REDIRECTED, "http://c/")
    status, final, message = redirect_outcome("http://a/", [(302, "http://b/"), (301, "http://c/")])
    assert (status, final) == (Status.OK, None) and "temporarily" in message


# -- over the network, one scenario per behaviour ---------------------------------------


def test_200_is_ok():
    with serve({"/": reply(200)}) as server:
        result = check(server.url("/"))
    assert (result.status, result.http_status, result.final_url) == (Status.OK, 200, None)
    assert [m for m, *_ in server.stats.requests] == ["HEAD", "GET"]  # HTML: a GET looks for a soft 404


def test_non_html_is_checked_with_head_only():
    with serve({"/report.pdf": reply(200, b"%PDF-1.7", content_type="application/pdf")}) as server:
        result = check(server.url("/report.pdf"))
    assert result.status is Status.OK and server.stats.count(method="GET") == 0


def test_301_and_308_chain_is_redirected_to_the_last_permanent_target():
    with serve({"/old": redirect(301, "/older"), "/older": redirect(308, "/new"), "/new": reply(200)}) as server:
        result = check(server.url("/old"))
    assert result.status is Status.REDIRECTED
    assert result.final_url == server.url("/new") and result.http_status == 301
    assert [code for code, _ in result.redirects] == [301, 308]


def test_permanent_then_temporary_points_at_the_permanent_target():
    with serve({"/old": redirect(301, "/login-gate"), "/login-gate": redirect(302, "/today"), "/today": reply(200)}) as server:
        result = check(server.url("/old"))
    assert result.status is Status.REDIRECTED and result.final_url == server.url("/login-gate")


def test_302_is_ok_with_a_message():
    with serve({"/": redirect(302, "/welcome"), "/welcome": reply(200)}) as server:
        result = check(server.url("/"))
    assert result.status is Status.OK and result.final_url is None
    assert "temporarily (302)" in result.message and result.http_status == 200


@pytest.mark.parametrize("code", [404, 410])
def test_404_and_410_are_broken(code):
    with serve({"/gone": reply(code, "<title>Gone</title>")}) as server:
        result = check(server.url("/gone"))
    assert (result.status, result.http_status) == (Status.BROKEN, code)
    assert f"HTTP {code}" in result.message


def test_redirect_loop_is_broken():
    with serve({"/a": redirect(301, "/b"), "/b": redirect(302, "/a")}) as server:
        result = check(server.url("/a"))
    assert result.status is Status.BROKEN and "redirect loop" in result.message
    assert server.stats.count() == 2


def test_too_many_redirects_is_broken():
    routes = {f"/{n}": redirect(302, f"/{n + 1}") for n in range(10)}
    with serve(routes) as server:
        result = check(server.url("/0"), max_redirects=3)
    assert result.status is Status.BROKEN and "more than 3 redirects" in result.message


def test_429_with_retry_after_in_seconds_waits_then_succeeds():
    with serve({"/": sequence(reply(429, headers={"Retry-After": "1"}), reply(200))}) as server:
        start = time.monotonic()
        result = check(server.url("/"))
        waited = server.stats.starts[1] - server.stats.starts[0]
    assert result.status is Status.OK
    assert waited >= 0.9, f"Retry-After: 1 was not honoured ({waited:.2f} s)"
    assert time.monotonic() - start < 3


def test_429_with_retry_after_as_an_http_date_waits_then_succeeds():
    with serve({"/": sequence(retry_after_date(1.5), reply(200))}) as server:
        result = check(server.url("/"))
        waited = server.stats.starts[1] - server.stats.starts[0]
    assert result.status is Status.OK
    assert waited >= 0.4, f"the HTTP-date was not honoured ({waited:.2f} s)"  # dates have whole seconds


def test_429_asking_for_longer_than_the_cap_is_rate_limited_at_once():
    with serve({"/": reply(429, headers={"Retry-After": "3600"})}) as server:
        start = time.monotonic()
        result = check(server.url("/"), retry_after_cap=2.0)
    assert result.status is Status.RATE_LIMITED and result.http_status == 429
    assert "3600 s" in result.message and time.monotonic() - start < 1
    assert server.stats.count() == 1


def test_503_then_200_is_retried():
    with serve({"/": sequence(reply(503), reply(503), reply(200))}) as server:
        result = check(server.url("/"))
    assert result.status is Status.OK and result.requests == 4  # HEAD 503, HEAD 503, HEAD 200, GET 200


def test_503_every_time_is_broken_after_the_retries():
    with serve({"/": reply(503)}) as server:
        result = check(server.url("/"), retries=1)
    assert result.status is Status.BROKEN and result.http_status == 503
    assert server.stats.count(method="HEAD") == 2 and server.stats.count(method="GET") == 2


def test_head_405_falls_back_to_get():
    with serve({"/": by_method(head=reply(405), get=reply(200))}) as server:
        result = check(server.url("/"))
    assert result.status is Status.OK and result.http_status == 200
    assert [m for m, *_ in server.stats.requests] == ["HEAD", "GET"]


def test_a_slow_answer_is_a_timeout():
    with serve({"/": slow(1.0, reply(200))}) as server:
        start = time.monotonic()
        result = check(server.url("/"), read_timeout=0.2, retries=1)
    assert result.status is Status.TIMEOUT and "0.2 s" in result.message
    assert server.stats.count() == 2  # retried once
    assert time.monotonic() - start < 1.5


def test_a_connection_reset_is_an_error():
    with serve({"/": reset}) as server:
        result = check(server.url("/"))
    assert result.status is Status.ERROR and result.message.startswith("connection dropped")


def test_a_refused_connection_is_an_error():
    with serve({}) as server:
        url = server.url("/")
    result = check(url)  # the server is gone: nothing listens on that port any more
    assert result.status is Status.ERROR


def test_bytes_read_are_capped_on_a_huge_body():
    size = 64 * 1024 * 1024
    with serve({"/": huge(size)}) as server:
        result = check(server.url("/"), max_bytes=32 * 1024)
        time.sleep(0.1)
        sent = server.stats.bytes_sent
    assert result.status is Status.OK
    assert result.bytes_read == 32 * 1024
    assert sent < size / 2, f"the server sent {sent} bytes: the checker kept reading"


def test_a_200_not_found_page_is_a_soft_404():
    with serve({"/": reply(200, "<html><title>Page not found</title><h1>Sorry</h1></html>")}) as server:
        result = check(server.url("/"))
    assert result.status is Status.BROKEN and result.http_status == 200
    assert "soft 404" in result.message and "Page not found" in result.message


def test_a_redirect_to_a_not_found_page_is_a_soft_404():
    with serve({"/old": redirect(301, "/oops"), "/oops": reply(200, "<title>Oops</title><h1>404</h1>")}) as server:
        result = check(server.url("/old"))
    assert result.status is Status.BROKEN and "soft 404" in result.message


def test_403_from_a_bot_walled_host_is_blocked():
    with serve({"/signpost": reply(403, "<title>Forbidden</title>")}) as server:
        overrides = {"www.facebook.com": server.netloc}
        walled = check("https://www.facebook.com/signpost", host_overrides=overrides)
        plain = check(server.url("/signpost"))
    assert walled.status is Status.BLOCKED and "facebook.com" in walled.message
    assert plain.status is Status.BROKEN  # the same 403 from any other host
    assert {host for *_, host in server.stats.requests} == {"www.facebook.com", server.netloc}


def test_999_from_linkedin_is_blocked():
    with serve({"/company/x": reply(999)}) as server:
        result = check("https://www.linkedin.com/company/x", host_overrides={"www.linkedin.com": server.netloc})
    assert result.status is Status.BLOCKED


@pytest.mark.parametrize("url", ["tel:+441234567890", "sms:+441234567890", "mailto:help@example.org"])
def test_tel_sms_and_mailto_are_skipped(url):
    assert check(url).status is Status.SKIPPED


def test_at_most_two_requests_in_flight_per_host():
    routes = {f"/{n}": slow(0.05, reply(200, b"ok", content_type="text/plain")) for n in range(16)}
    with serve(routes) as server, serve(routes) as other:
        urls = [server.url(f"/{n}") for n in range(16)] + [other.url(f"/{n}") for n in range(16)]
        results = check_all(urls, config(per_host=2))
    assert all(r.status is Status.OK for r in results.values())
    assert server.stats.max_in_flight == 2 and other.stats.max_in_flight == 2
    assert min(other.stats.starts) < max(server.stats.starts)  # the two hosts are checked side by side


def test_a_pause_between_requests_to_the_same_host():
    routes = {f"/{n}": reply(200, b"ok", content_type="text/plain") for n in range(5)}
    with serve(routes) as server:
        check_all([server.url(f"/{n}") for n in range(5)], config(pause=0.1))
        starts = sorted(server.stats.starts)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= 0.08, gaps


# -- hostile links and servers ------------------------------------------------------------


@pytest.mark.parametrize(
    "address, never, private",
    [
        ("169.254.169.254", "a cloud metadata address", None),
        ("fd00:ec2::254", "a cloud metadata address", None),
        ("100.100.100.200", "a cloud metadata address", None),
        ("169.254.1.1", "a link-local address", None),
        ("fe80::1", "a link-local address", None),
        ("::ffff:169.254.169.254", "a cloud metadata address", None),  # IPv4 written as IPv6
        ("64:ff9b::a9fe:a9fe", "a cloud metadata address", None),  # NAT64 for 169.254.169.254
        ("127.0.0.1", None, "a loopback address (this machine)"),
        ("::1", None, "a loopback address (this machine)"),
        ("0.0.0.0", None, "a loopback address (this machine)"),
        ("::ffff:127.0.0.1", None, "a loopback address (this machine)"),
        ("10.1.2.3", None, "a private network address"),
        ("192.168.0.10", None, "a private network address"),
        ("fd12:3456::1", None, "a private network address"),
        ("100.64.0.1", None, "an address that is not on the public internet"),  # carrier-grade NAT
        ("93.184.215.14", None, None),
        ("2606:4700::6810:84e5", None, None),
    ],
)
def test_which_addresses_are_never_requested_and_which_are_private(address, never, private):
    ip = ipaddress.ip_address(address)
    assert never_requested(ip) == never
    if never is None:
        assert private_kind(ip) == private


def resolving(monkeypatch, names: dict[str, list[str]]) -> list:
    """Host ``names`` resolve to the given addresses; every connection this process opens is recorded.

    A connection anywhere but 127.0.0.1 is refused after it is recorded, so a
    broken checker still reaches nothing outside this machine.
    """
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect
    connections = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host in names:
            return [
                (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (a, port, 0, 0))
                if ":" in a
                else (socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in names[host]
            ]
        return real_getaddrinfo(host, port, *args, **kwargs)

    def connect(sock, address):
        connections.append(address)
        if address[0] != "127.0.0.1":
            raise ConnectionRefusedError(f"the test refuses connections to {address[0]}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return connections


@pytest.mark.parametrize(
    "addresses",
    [
        ["169.254.169.254"],
        ["fd00:ec2::254"],
        ["100.100.100.200"],
        ["fe80::1"],
        ["::ffff:169.254.169.254"],
        ["93.184.215.14", "169.254.169.254"],  # one good address does not make up for a bad one
    ],
)
def test_a_redirect_to_a_metadata_or_link_local_address_is_never_requested(monkeypatch, addresses):
    connections = resolving(monkeypatch, {"innocent.test": addresses})
    with serve({}) as server:
        server.routes["/go"] = redirect(302, f"http://innocent.test:{server.port}/latest/meta-data/iam/security-credentials/")
        result = check(server.url("/go"))  # allow_private does not allow these
    assert result.status is Status.PRIVATE
    assert "a redirect leads to http://innocent.test" in result.message and "never requested" in result.message
    assert [path for _, path, _ in server.stats.requests] == ["/go"]
    assert {address[0] for address in connections} == {"127.0.0.1"}  # the only connection was to the server itself


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://metadata.google.internal./computeMetadata/v1/",
        "https://cloud.test/",  # a name of ours that resolves to the metadata address
    ],
)
def test_a_link_to_a_metadata_address_is_never_requested_whatever_the_flags(monkeypatch, url):
    connections = resolving(monkeypatch, {"cloud.test": ["169.254.169.254"], "metadata.google.internal": ["169.254.169.254"]})
    for allow_private in (False, True):
        result = check(url, allow_private=allow_private)
        assert result.status is Status.PRIVATE and "never requested" in result.message
        assert result.requests == 0
    assert connections == []


def test_a_name_that_resolves_to_a_private_address_is_private(monkeypatch):
    connections = resolving(monkeypatch, {"intranet.test": ["10.0.0.5"], "home.test": ["127.0.0.1"]})
    for host, kind in (("intranet.test", "a private network address"), ("home.test", "a loopback address")):
        result = check(f"https://{host}/", allow_private=False)
        assert result.status is Status.PRIVATE and f"{host} resolves to" in result.message and kind in result.message
        assert "--allow-private" in result.message
    assert connections == []


def test_a_redirect_to_loopback_is_private_unless_allowed():
    with serve({"/inside": reply(200)}) as server:
        server.routes["/go"] = redirect(302, server.url("/inside"))
        overrides = {"forum.example.org": server.netloc}  # stands for a public site
        refused = check("https://forum.example.org/go", host_overrides=overrides, allow_private=False)
        requested_before = server.stats.count("/inside")
        followed = check("https://forum.example.org/go", host_overrides=overrides, allow_private=True)
    assert refused.status is Status.PRIVATE and refused.redirects == ((302, server.url("/inside")),)
    assert f"a redirect leads to {server.url('/inside')}, but 127.0.0.1 is a loopback address" in refused.message
    assert requested_before == 0
    assert followed.status is Status.OK and server.stats.count("/inside") == 2  # HEAD, then GET for a soft 404


def test_a_body_that_never_ends_is_cut_off_at_the_budget():
    with serve({"/": trickle(0.05)}) as server:
        start = time.monotonic()
        result = check(server.url("/"), budget=1.0, read_timeout=0.5, request_timeout=10.0)
        elapsed = time.monotonic() - start
    assert result.status is Status.TIMEOUT and "within 1 s, the time one link may take in all" in result.message
    assert 0.9 <= elapsed < 2.0, f"the trickling body held the checker for {elapsed:.1f} s"


def test_the_budget_covers_every_try():
    with serve({"/": slow(0.5, reply(200))}) as server:
        start = time.monotonic()
        result = check(server.url("/"), budget=1.0, read_timeout=0.3, retries=10, backoff=0.1)
        elapsed = time.monotonic() - start
    assert result.status is Status.TIMEOUT and "the time one link may take in all" in result.message
    assert elapsed < 1.6, f"ten retries took {elapsed:.1f} s: the budget did not stop them"
    assert 2 <= server.stats.count() <= 4


def test_a_cookie_is_never_sent_back():
    cookie = {"Set-Cookie": "session=s3cret; Path=/"}
    routes = {
        "/login": reply(302, b"", {"Location": "/home", **cookie}),  # a redirect hop
        "/home": reply(200, headers=cookie),  # HEAD, then GET
        "/flaky": sequence(reply(503, headers=cookie), reply(200, headers=cookie)),  # a retry
        "/other": reply(200),  # another link to the same host
    }
    with serve(routes) as server:
        results = check_all([server.url(path) for path in ("/flaky", "/login", "/other")], config(per_host=1))
    assert {r.status for r in results.values()} == {Status.OK}
    assert len(server.stats.headers) >= 8
    assert [h["cookie"] for h in server.stats.headers if "cookie" in h] == []


def make_certificate(folder: Path, name: str) -> tuple[Path, Path, Path]:
    """(CA certificate, server certificate, server key) for ``name``, made with the openssl command."""

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Signpost test CA")
    openssl("req", *key, "-keyout", "site.key", "-out", "site.csr", "-subj", f"/CN={name}")
    (folder / "site.ext").write_text(f"subjectAltName=DNS:{name}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl(
        "x509",
        "-req",
        "-in",
        "site.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "site.ext",
        "-out",
        "site.pem",
    )
    return folder / "ca.pem", folder / "site.pem", folder / "site.key"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_https_goes_to_the_checked_address_and_checks_the_certificate_of_the_name(tmp_path, monkeypatch):
    ca, certificate, key = make_certificate(tmp_path, "signpost.test")
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(certificate, key)
    for variable in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))  # trust_env: the checker trusts our test CA
    connections = resolving(monkeypatch, {"signpost.test": ["127.0.0.1"], "impostor.test": ["127.0.0.1"]})
    with serve({"/": reply(200)}, tls=tls) as server:
        good = check(f"https://signpost.test:{server.port}/", trust_env=True)
        wrong_name = check(f"https://impostor.test:{server.port}/", trust_env=True)
    assert good.status is Status.OK
    assert {host for *_, host in server.stats.requests} == {f"signpost.test:{server.port}"}
    assert wrong_name.status is Status.ERROR and wrong_name.message.startswith("TLS:")  # the certificate is not impostor.test's
    assert {address[0] for address in connections} == {"127.0.0.1"}


# -- the cache and the two-run rule -----------------------------------------------------


def ok(url: str) -> Result:
    return Result(url, Status.OK, 200)


def broken(url: str) -> Result:
    return Result(url, Status.BROKEN, 404, message="HTTP 404 Not Found")


def test_cache_reuses_good_results_younger_than_max_age(tmp_path):
    records = link_cache.merge({}, {"https://a/": ok("https://a/"), "https://b/": broken("https://b/")}, NOW)
    path = tmp_path / "links.json"
    link_cache.save(path, records)
    records = link_cache.load(path)
    day = timedelta(hours=24)
    assert link_cache.fresh(records, "https://a/", NOW + timedelta(hours=23), day) == ok("https://a/")
    assert link_cache.fresh(records, "https://a/", NOW + timedelta(hours=25), day) is None  # too old
    assert link_cache.fresh(records, "https://b/", NOW + timedelta(minutes=1), day) is None  # failures are checked again
    assert link_cache.fresh(records, "https://c/", NOW, day) is None


def test_cache_file_is_sorted_and_survives_damage(tmp_path):
    path = tmp_path / "links.json"
    link_cache.save(path, link_cache.merge({}, {"https://b/": ok("https://b/"), "https://a/": ok("https://a/")}, NOW))
    data = json.loads(path.read_text())
    assert list(data["links"]) == ["https://a/", "https://b/"]
    assert data["links"]["https://a/"]["checked"] == "2026-11-21T12:00:00+00:00"
    path.write_text("{not json")
    assert link_cache.load(path) == {}
    assert link_cache.load(tmp_path / "missing.json") == {}


def test_scheduled_two_run_rule_with_fixed_now():
    url = "https://a/"
    first = link_cache.merge({}, {url: broken(url)}, NOW)
    assert link_cache.failures(first, url) == 1
    assert link_cache.scheduled_result(broken(url), 1).status is Status.FAILING
    second = link_cache.merge(first, {url: broken(url)}, NOW + timedelta(days=1))
    assert link_cache.failures(second, url) == 2
    assert link_cache.scheduled_result(broken(url), 2).status is Status.BROKEN
    mended = link_cache.merge(second, {url: ok(url)}, NOW + timedelta(days=2))
    assert link_cache.failures(mended, url) == 0
    limited = link_cache.merge(first, {url: Result(url, Status.RATE_LIMITED, 429)}, NOW + timedelta(days=1))
    assert link_cache.failures(limited, url) == 1  # a rate limit says nothing either way


def test_cache_forgets_links_not_checked_for_a_long_time():
    records = link_cache.merge({}, {"https://a/": ok("https://a/")}, NOW)
    later = link_cache.merge(records, {"https://b/": ok("https://b/")}, NOW + timedelta(days=100))
    assert list(later) == ["https://b/"]


def test_a_result_found_with_allow_private_is_reused_only_with_it():
    records = link_cache.merge({}, {"https://a/": ok("https://a/")}, NOW, allow_private=True)
    later, day = NOW + timedelta(hours=1), timedelta(hours=24)
    assert link_cache.fresh(records, "https://a/", later, day) is None  # an ordinary run checks it again
    assert link_cache.fresh(records, "https://a/", later, day, allow_private=True) == ok("https://a/")


def test_a_private_link_fails_at_once_even_when_scheduled():
    private = Result("https://a/", Status.PRIVATE, message="127.0.0.1 is a loopback address")
    assert link_cache.scheduled_result(private, 1) == private  # not a passing outage: no second chance
    assert link_cache.fresh(link_cache.merge({}, {"https://a/": private}, NOW), "https://a/", NOW, timedelta(hours=1)) is None


# -- the command, end to end ------------------------------------------------------------

ENTRY = """\
---
title: {title}
kind: peer-community
summary: A made-up forum for the link checker's tests.
url: {url}
countries: [worldwide]
channels: [forum]
cost: free
audiences: [adults]
topics: [loneliness]
---
Read the [rules]({rules}) first, or write to [the team](mailto:team@example.org).
See also [another entry]({{filename}}/peer-community/b.md).
"""


def write_entry(content: Path, name: str, url: str, rules: str) -> Path:
    path = content / "peer-community" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ENTRY.format(title=f"Forum {name.upper()}", url=url, rules=rules), encoding="utf-8")
    return path


ROUTES = {"/": reply(200), "/about": reply(200), "/rules": reply(200), "/moved": redirect(301, "/"), "/missing": reply(404)}


def run(content: Path, tmp_path: Path, **kwargs) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    kwargs.setdefault("config", FAST)
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("environ", {})
    kwargs.setdefault("cache_file", tmp_path / "cache" / "links.json")
    kwargs.setdefault("allow_private", True)  # the entries link to servers on 127.0.0.1
    code = links_command.run(content=content, console=Console(file=err, width=200), stdout=out, **kwargs)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def site(tmp_path, monkeypatch):
    """Three entries under tmp_path/content whose links point at a local server."""
    monkeypatch.chdir(tmp_path)
    with serve(ROUTES) as server:
        content = tmp_path / "content"
        write_entry(content, "a", server.url("/"), server.url("/rules"))
        write_entry(content, "b", server.url("/moved"), server.url("/rules"))
        write_entry(content, "c", server.url("/about"), server.url("/missing"))
        yield content, server


def test_run_writes_the_json_and_exits_1_for_a_broken_link(site, tmp_path):
    content, server = site
    code, out, err = run(content, tmp_path, json_file=tmp_path / "links.json")
    assert code == 1
    data = json.loads((tmp_path / "links.json").read_text())
    assert list(data) == ["links", "details"]
    assert data["details"] == []  # these entries have no phone, text or keyword (tests/test_drift.py)
    rows = {row["url"]: row for row in data["links"]}
    assert [row["url"] for row in data["links"]] == sorted(rows)
    assert set(rows) == {server.url(p) for p in ("/", "/about", "/rules", "/moved", "/missing")} | {"mailto:team@example.org"}
    first = data["links"][0]
    assert list(first)[:6] == ["url", "status", "http_status", "final_url", "sources", "message"]
    assert rows[server.url("/")] | {"locations": None, "message": ""} == {
        "url": server.url("/"),
        "status": "ok",
        "http_status": 200,
        "final_url": None,
        "sources": ["content/peer-community/a.md"],
        "message": "",
        "locations": None,
        "cached": False,
    }
    assert rows[server.url("/moved")]["status"] == "redirected" and rows[server.url("/moved")]["final_url"] == server.url("/")
    assert rows[server.url("/missing")]["status"] == "broken"
    assert rows[server.url("/missing")]["locations"] == [{"file": "content/peer-community/c.md", "line": 12, "field": "body"}]
    assert rows["mailto:team@example.org"]["status"] == "skipped"
    assert rows[server.url("/rules")]["sources"] == ["content/peer-community/a.md", "content/peer-community/b.md"]
    assert server.stats.count("/rules") == 2  # one HEAD and one GET, however many entries link to it
    assert "broken" in err and "content/peer-community/c.md:12" in err and "1 broken" in err
    assert out == ""  # no annotations outside GitHub Actions


def test_run_json_is_deterministic(site, tmp_path):
    content, _ = site
    run(content, tmp_path, json_file=tmp_path / "one.json", max_age_hours=0)
    run(content, tmp_path, json_file=tmp_path / "two.json", max_age_hours=0)
    assert (tmp_path / "one.json").read_text() == (tmp_path / "two.json").read_text()


def test_run_exits_0_when_nothing_is_broken(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with serve(ROUTES) as server:
        write_entry(tmp_path / "content", "a", server.url("/"), server.url("/moved"))
        code, _, err = run(tmp_path / "content", tmp_path)
    assert code == 0 and "redirected" in err


def test_run_uses_the_cache_for_good_links_only(site, tmp_path):
    content, server = site
    run(content, tmp_path)
    before = server.stats.count()
    code, _, err = run(content, tmp_path, json_file=tmp_path / "again.json", now=NOW + timedelta(hours=1))
    again = {row["url"]: row for row in json.loads((tmp_path / "again.json").read_text())["links"]}
    assert code == 1
    assert server.stats.count() - before == 2  # only /missing again: HEAD 404, GET 404
    assert again[server.url("/")]["cached"] is True and again[server.url("/missing")]["cached"] is False
    assert "from the cache" in err
    run(content, tmp_path, now=NOW + timedelta(hours=200))  # older than the default 168 hours: all again
    assert server.stats.count() - before > 2 + 4


def test_run_scheduled_breaks_only_on_the_second_failing_run(site, tmp_path):
    content, server = site
    code, _, _ = run(content, tmp_path, scheduled=True, json_file=tmp_path / "first.json")
    first = {row["url"]: row for row in json.loads((tmp_path / "first.json").read_text())["links"]}
    assert code == 0
    assert first[server.url("/missing")]["status"] == "failing"
    assert "if it fails again" in first[server.url("/missing")]["message"]
    code, _, _ = run(content, tmp_path, scheduled=True, json_file=tmp_path / "second.json", now=NOW + timedelta(days=1))
    second = {row["url"]: row for row in json.loads((tmp_path / "second.json").read_text())["links"]}
    assert code == 1 and second[server.url("/missing")]["status"] == "broken"


def test_run_on_github_actions_annotates_and_writes_a_step_summary(site, tmp_path):
    content, server = site
    summary = tmp_path / "summary.md"
    summary.write_text("earlier steps\n")
    code, out, _ = run(content, tmp_path, environ={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    lines = out.splitlines()
    assert f"::error file=content/peer-community/c.md,line=12::broken link {server.url('/missing')}: HTTP 404 Not Found" in lines
    warning = [line for line in lines if line.startswith("::warning file=content/peer-community/b.md,line=5::redirected link")]
    assert len(warning) == 1 and server.url("/") in warning[0]
    assert not any("skipped" in line or "/rules" in line for line in lines)
    text = summary.read_text()
    assert text.startswith("earlier steps\n## Link check\n")
    assert "| broken | 1 |" in text and f"| broken | {server.url('/missing')} | `content/peer-community/c.md:12` |" in text


def test_run_with_a_missing_content_folder_exits_2(tmp_path):
    assert run(tmp_path / "nowhere", tmp_path)[0] == 2


def test_run_a_link_that_redirects_to_loopback_is_private_and_fails(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with serve({"/": reply(200), "/inside": reply(200)}) as server:
        server.routes["/go"] = redirect(302, server.url("/inside"))
        write_entry(tmp_path / "content", "a", "https://forum.example.org/", "https://forum.example.org/go")
        public = config(allow_private=False, host_overrides={"forum.example.org": server.netloc})  # stands for a public site
        code, out, err = run(
            tmp_path / "content",
            tmp_path,
            config=public,
            allow_private=False,
            environ={"GITHUB_ACTIONS": "true"},
            json_file=tmp_path / "refused.json",
        )
        assert server.stats.count("/inside") == 0
        allowed = run(tmp_path / "content", tmp_path, config=public, allow_private=True, json_file=tmp_path / "allowed.json")
        assert server.stats.count("/inside") == 2
    assert code == 1
    assert "content/peer-community/a.md:12: body: private link https://forum.example.org/go: a redirect leads to" in err
    assert "1 broken (1 of them private)." in err
    assert any(
        line.startswith("::error file=content/peer-community/a.md,line=12::private link https://forum.example.org/go")
        for line in out.splitlines()
    )
    refused = {row["url"]: row for row in json.loads((tmp_path / "refused.json").read_text())["links"]}
    assert refused["https://forum.example.org/go"]["status"] == "private" and refused["https://forum.example.org/"]["status"] == "ok"
    assert allowed[0] == 0
    statuses = {row["url"]: row["status"] for row in json.loads((tmp_path / "allowed.json").read_text())["links"]}
    assert statuses["https://forum.example.org/go"] == "ok"


def test_annotations_escape_what_github_would_read_as_commands():
    url = "https://example.org/a,b:c%d\r\n::error::forged"
    link = Link(url=url, source="content/odd,name:50%\r\n.md", field="body", line=7)
    row = links_command.Row(Result(url, Status.BROKEN, 404, message="HTTP 404 Not Found"), (link,))
    assert links_command.annotations([row]) == [
        "::error file=content/odd%2Cname%3A50%25%0D%0A.md,line=7::broken link https://example.org/a,b:c%25d%0D%0A::error::forged: HTTP 404 Not Found"
    ]


def test_a_url_with_an_escape_sequence_reaches_the_terminal_escaped():
    url = "https://example.org/\x1b]0;owned\x07\x1b[2J"
    link = Link(url=url, source="content/peer-community/a.md", field="body", line=12)
    row = links_command.Row(Result(url, Status.BROKEN, 404, message="HTTP 404 Not Found"), (link,))
    err = io.StringIO()
    links_command.print_summary([row], Console(file=err, width=200), cached=0)
    assert "\x1b" not in err.getvalue() and "\x07" not in err.getvalue()
    assert "content/peer-community/a.md:12: body: broken link https://example.org/\\x1b]0;owned\\x07\\x1b[2J: HTTP 404" in err.getvalue()


def test_run_a_server_cannot_reach_the_terminal_with_an_escape_sequence(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    title = "Page not found\x1b[2J\x1b]0;owned\x07"
    with serve({"/": reply(200), "/rules": reply(200, f"<title>{title}</title>")}) as server:
        write_entry(tmp_path / "content", "a", server.url("/"), server.url("/rules"))
        code, out, err = run(tmp_path / "content", tmp_path, environ={"GITHUB_ACTIONS": "true"})
    assert code == 1 and "soft 404" in err
    assert "\x1b" not in err + out and "\x07" not in err + out
    assert "Page not found\\x1b[2J\\x1b]0;owned\\x07" in err and "Page not found\\x1b[2J" in out


# -- --changed: entry files changed since a git revision -----------------------------------


def git(cwd: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main", *args]
    return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    content = tmp_path / "content"
    for name in ("a", "b", "c"):
        write_entry(content, name, f"https://{name}.example.org/", f"https://{name}.example.org/rules")
    (tmp_path / "README.md").write_text("readme\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "entries")
    return content


def test_changed_entry_files_since_main(repo, tmp_path):
    git(tmp_path, "checkout", "-q", "-b", "feature")
    (repo / "peer-community" / "a.md").write_text((repo / "peer-community" / "a.md").read_text() + "More.\n")
    git(tmp_path, "commit", "-q", "-am", "edit a")
    (repo / "peer-community" / "b.md").write_text((repo / "peer-community" / "b.md").read_text() + "Uncommitted.\n")
    write_entry(repo, "d", "https://d.example.org/", "https://d.example.org/rules")  # untracked
    (repo / "peer-community" / "c.md").unlink()  # deleted: nothing to check
    (tmp_path / "README.md").write_text("not an entry\n")
    assert changed_entry_files(repo) == {(repo / "peer-community" / f"{n}.md").resolve() for n in "abd"}
    assert changed_entry_files(repo, base="HEAD") == {(repo / "peer-community" / f"{n}.md").resolve() for n in "bd"}


def test_changed_entry_files_falls_back_to_head_without_main(repo, tmp_path):
    git(tmp_path, "branch", "-q", "-m", "main", "trunk")
    (repo / "peer-community" / "b.md").write_text((repo / "peer-community" / "b.md").read_text() + "Uncommitted.\n")
    assert changed_entry_files(repo) == {(repo / "peer-community" / "b.md").resolve()}


def test_changed_entry_files_with_an_unknown_base_says_so(repo):
    with pytest.raises(ChangesError, match="no-such-branch"):
        changed_entry_files(repo, base="no-such-branch")


def test_run_changed_checks_only_changed_entries(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    with serve(ROUTES) as server:
        content = tmp_path / "content"
        write_entry(content, "a", server.url("/"), server.url("/missing"))
        git(tmp_path, "add", ".")
        git(tmp_path, "commit", "-q", "-m", "a")
        write_entry(content, "b", server.url("/moved"), server.url("/rules"))
        code, _, _ = run(content, tmp_path, changed=True, json_file=tmp_path / "links.json")
    urls = {row["url"] for row in json.loads((tmp_path / "links.json").read_text())["links"]}
    assert code == 0  # a.md, with the broken link, did not change
    assert urls == {server.url("/moved"), server.url("/rules"), "mailto:team@example.org"}
    assert server.stats.count("/missing") == 0
