"""Fetching a source over real HTTP: timeouts, the 1 MB cap, redirects, refused addresses."""

import gzip
import ssl
from collections.abc import Iterator
from ipaddress import ip_address

import httpx
import pytest
import trustme

from bot.services.sources.addresses import HostPolicy
from bot.services.sources.errors import AddressRefused, FetchError
from bot.services.sources.fetcher import Answer, FetchLimits, SourceFetcher, _same_host_redirect
from bot.services.sources.transport import resolve_host
from tests.fakes.source_server import Reply, SourceServer
from tests.services.sources.conftest import QUICK, CountingResolver

LOOPBACK = [ip_address("127.0.0.1")]
TEN_MB = 10_000_000


def fetch(fetcher: SourceFetcher, url: str, headers: dict[str, str] | None = None) -> Answer:
    with fetcher.client() as client:
        return fetcher.get(client, url, headers or {})


def test_a_plain_answer_and_the_request_the_server_saw(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    url = server.text("/stats.csv", "a,b\n1,2\n")

    answer = fetch(fetcher, url, {"X-Team": "growth"})

    assert answer == Answer(b"a,b\n1,2\n", "text/csv", "utf-8")
    [seen] = server.requests
    assert seen.headers["X-Team"] == "growth"
    assert seen.headers["User-Agent"].startswith("okr-bot")


def test_chunked_and_gzipped_answers_are_read_whole(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    body = b"".join(b"%d,%d\n" % (n, n * n) for n in range(20_000))
    chunked = server.serve("/chunked", Reply(body=body, chunked=True, chunk_size=1000))
    zipped = server.serve("/zipped", Reply(body=body, compress=True))

    assert fetch(fetcher, chunked).body == body
    assert fetch(fetcher, zipped).body == body
    assert server.requests[1].headers["Accept-Encoding"] == "gzip"


@pytest.mark.parametrize("status", [500, 503, 404, 401])
def test_an_error_status_is_named(
    server: SourceServer, fetcher: SourceFetcher, status: int
) -> None:
    url = server.serve("/broken", Reply(status=status, body=b"internal details"))

    with pytest.raises(FetchError, match=f"^HTTP {status}$"):
        fetch(fetcher, url)


def test_a_slow_answer_times_out(server: SourceServer, fetcher: SourceFetcher) -> None:
    url = server.serve("/slow", Reply(delay=30, body=b"{}"))

    with pytest.raises(FetchError, match="no answer in time"):
        fetch(fetcher, url)


def test_a_trickling_answer_is_cut_at_the_total_time(server: SourceServer) -> None:
    limits = FetchLimits(read_seconds=2.0, total_seconds=0.5)
    url = server.serve("/trickle", Reply(filler=10_000, chunk_size=10, trickle=0.05))

    with pytest.raises(FetchError, match=r"took longer than 0\.5 s"):
        fetch(SourceFetcher(limits=limits), url)


@pytest.mark.parametrize("chunked", [False, True])
def test_a_10_mb_answer_is_refused_without_being_read_whole(
    server: SourceServer, fetcher: SourceFetcher, chunked: bool
) -> None:
    url = server.serve("/huge", Reply(filler=TEN_MB, chunked=chunked))

    with pytest.raises(FetchError, match="larger than 1 MB"):
        fetch(fetcher, url)

    [seen] = server.requests
    assert seen.finished.wait(10)
    assert not seen.completed, "the server managed to send all 10 MB"


def test_a_small_gzip_that_inflates_past_the_cap_is_refused(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    bomb = b"0" * TEN_MB
    url = server.serve("/bomb", Reply(body=bomb, compress=True))
    assert len(gzip.compress(bomb)) < 20_000

    with pytest.raises(FetchError, match="larger than 1 MB"):
        fetch(fetcher, url)


def test_an_answer_just_at_the_cap_is_read(server: SourceServer, fetcher: SourceFetcher) -> None:
    url = server.serve("/full", Reply(filler=1_000_000, chunked=True))

    assert len(fetch(fetcher, url).body) == 1_000_000


def test_a_redirect_on_the_same_host_is_followed(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    server.json("/v2/stats", {"fans": 3})
    url = server.redirect("/stats", "/v2/stats", status=301)

    answer = fetch(fetcher, url, {"Authorization": "Bearer s3cret"})

    assert answer.body == b'{"fans": 3}'
    assert server.paths() == ["/stats", "/v2/stats"]
    assert server.requests[1].headers["Authorization"] == "Bearer s3cret"


def test_a_redirect_to_another_host_or_port_is_refused(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    with SourceServer() as other:
        elsewhere = other.json("/stats", {"fans": 3})
        to_other_port = server.redirect("/port", elsewhere)
        to_other_host = server.redirect("/host", server.url("/stats", host="localhost"))

        with pytest.raises(AddressRefused, match=rf"another host \(127.0.0.1:{other.port}\)"):
            fetch(fetcher, to_other_port, {"Authorization": "Bearer s3cret"})
        with pytest.raises(AddressRefused, match=rf"another host \(localhost:{server.port}\)"):
            fetch(fetcher, to_other_host)

        assert other.requests == []
        assert server.paths() == ["/port", "/host"]


def test_redirect_loops_and_other_schemes_are_refused(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    loop = server.redirect("/loop", "/loop")
    to_file = server.redirect("/file", "file:///etc/passwd")

    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(fetcher, loop)
    with pytest.raises(FetchError, match="not http"):
        fetch(fetcher, to_file)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "http:///nohost"])
def test_only_http_and_https_urls_are_fetched(fetcher: SourceFetcher, url: str) -> None:
    with pytest.raises(FetchError, match="not a valid http"):
        fetch(fetcher, url)


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.10.20:8080/x",
        "http://[fe80::1]/x",
        "http://[::ffff:169.254.169.254]/x",
        "http://[fd00:ec2::254]/latest",
        "http://100.100.100.200/latest",
    ],
)
def test_link_local_and_metadata_addresses_are_never_contacted(
    fetcher: SourceFetcher, url: str
) -> None:
    with pytest.raises(AddressRefused, match="sources are never fetched from there"):
        fetch(fetcher, url)


def test_metadata_host_names_are_refused_before_any_lookup() -> None:
    resolver = CountingResolver({})
    fetcher = SourceFetcher(limits=QUICK, resolve=resolver)

    with pytest.raises(
        AddressRefused, match=r"metadata\.google\.internal is a cloud metadata host"
    ):
        fetch(fetcher, "http://metadata.google.internal/computeMetadata/v1/")
    assert resolver.lookups == []


def test_a_host_resolving_to_any_refused_address_is_not_contacted(server: SourceServer) -> None:
    resolver = CountingResolver({"mixed.test": [[*LOOPBACK, ip_address("169.254.169.254")]]})
    fetcher = SourceFetcher(limits=QUICK, resolve=resolver)
    url = server.json("/stats", {"fans": 3}).replace("127.0.0.1", "mixed.test")

    with pytest.raises(AddressRefused, match=r"mixed\.test is a cloud metadata address"):
        fetch(fetcher, url)
    assert server.requests == []


def test_the_connection_goes_to_the_address_that_was_checked(server: SourceServer) -> None:
    """One lookup per connection, checked, then connected to: a second answer cannot sneak in.

    `rebind.test` exists only in this resolver; the system could not have connected to it."""
    metadata = [ip_address("169.254.169.254")]
    resolver = CountingResolver({"rebind.test": [LOOPBACK, metadata]})
    fetcher = SourceFetcher(limits=QUICK, resolve=resolver)
    url = server.json("/stats", {"fans": 3}).replace("127.0.0.1", "rebind.test")

    with fetcher.client() as client:
        assert fetcher.get(client, url, {}).body == b'{"fans": 3}'
        assert fetcher.get(client, url, {}).body == b'{"fans": 3}'  # the same kept-alive socket
    assert resolver.lookups == ["rebind.test"]
    assert [seen.host for seen in server.requests] == [f"rebind.test:{server.port}"] * 2

    with pytest.raises(AddressRefused, match="cloud metadata address"):
        fetch(fetcher, url)  # a new connection looks up again and gets the rebound answer
    assert len(server.requests) == 2


def test_the_host_list_allows_only_its_hosts(server: SourceServer) -> None:
    url = server.json("/stats", {"fans": 3})
    listed = SourceFetcher(HostPolicy(("127.0.0.1",)), QUICK)
    unlisted = SourceFetcher(HostPolicy(("prometheus.internal",)), QUICK)

    assert fetch(listed, url).body == b'{"fans": 3}'
    with pytest.raises(AddressRefused, match=r"127\.0\.0\.1 is not one of the hosts listed"):
        fetch(unlisted, url)
    assert len(server.requests) == 1


def test_an_unknown_host_is_named() -> None:
    # Made-up names only: a real lookup would ask the network's DNS server.
    fetcher = SourceFetcher(limits=QUICK, resolve=CountingResolver({"gone.test": [[]]}))
    with pytest.raises(FetchError, match=r"the host gone\.test was not found"):
        fetch(fetcher, "http://gone.test/stats")
    unusable = "a" * 64 + ".test"  # refused by the IDNA codec before any query is sent
    with pytest.raises(FetchError, match="was not found"):
        resolve_host(unusable, 80)


def test_nothing_listening_is_a_connection_failure(fetcher: SourceFetcher) -> None:
    with SourceServer() as gone:
        url = gone.url("/stats")
    with pytest.raises(FetchError, match="could not connect"):
        fetch(fetcher, url)


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_server(authority: trustme.CA) -> Iterator[SourceServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("sources.test").configure_cert(context)
    with SourceServer(context) as served:
        yield served


def test_https_verifies_the_certificate_against_the_host_name(
    tls_server: SourceServer, authority: trustme.CA
) -> None:
    context = ssl.create_default_context()
    authority.configure_trust(context)
    resolver = CountingResolver({"sources.test": [LOOPBACK], "other.test": [LOOPBACK]})
    fetcher = SourceFetcher(limits=QUICK, resolve=resolver, ssl_context=context)
    url = tls_server.json("/stats", {"fans": 3})

    assert fetch(fetcher, url.replace("127.0.0.1", "sources.test")).body == b'{"fans": 3}'
    with pytest.raises(FetchError, match="TLS certificate is not valid for its host"):
        fetch(fetcher, url.replace("127.0.0.1", "other.test"))


@pytest.mark.parametrize(
    ("origin", "target", "allowed"),
    [
        ("http://sheets.example.com/a", "https://sheets.example.com/b", True),
        ("https://sheets.example.com/a", "http://sheets.example.com/b", False),
        ("http://sheets.example.com:8080/a", "https://sheets.example.com/b", False),
        ("https://sheets.example.com/a", "https://sheets.example.com:8443/b", False),
        ("https://sheets.example.com/a", "https://cdn.example.com/b", False),
    ],
)
def test_only_an_upgrade_to_https_may_change_the_port(
    origin: str, target: str, allowed: bool
) -> None:
    redirect = httpx.Request("GET", target)
    if allowed:
        assert _same_host_redirect(httpx.URL(origin), redirect) is redirect
        return
    with pytest.raises(AddressRefused, match="only same-host redirects"):
        _same_host_redirect(httpx.URL(origin), redirect)


def test_a_host_listed_with_a_port_allows_that_port_only(server: SourceServer) -> None:
    url = server.json("/stats", {"fans": 3})
    listed = SourceFetcher(HostPolicy((f"127.0.0.1:{server.port}",)), QUICK)
    other_port = SourceFetcher(HostPolicy((f"127.0.0.1:{server.port + 1}",)), QUICK)

    assert fetch(listed, url).body == b'{"fans": 3}'
    with pytest.raises(AddressRefused, match=r"127\.0\.0\.1 is not one of the hosts listed"):
        fetch(other_port, url)
    assert len(server.requests) == 1
