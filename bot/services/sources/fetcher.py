"""GET a source's URL with httpx: timeouts, a 1 MB cap, same-host redirects, checked addresses."""

import ssl
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

from bot.services.sources.addresses import HostPolicy
from bot.services.sources.errors import AddressRefused, FetchError
from bot.services.sources.transport import GuardedBackend, GuardedTransport, Resolver, resolve_host

USER_AGENT = "okr-bot (key-result sources)"
_GZIP_OR_ZLIB = 32 + zlib.MAX_WBITS  # zlib detects either header
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class FetchLimits:
    connect_seconds: float = 5.0
    read_seconds: float = 10.0  # between two reads
    total_seconds: float = 20.0  # for the whole answer, so a trickle cannot hold a worker
    max_bytes: int = 1_000_000
    max_redirects: int = 5


@dataclass(frozen=True)
class Answer:
    body: bytes
    content_type: str
    charset: str | None


class SourceFetcher:
    """Fetches sources' URLs; one `client()` per tick, shared by its worker threads."""

    def __init__(
        self,
        hosts: HostPolicy | None = None,
        limits: FetchLimits | None = None,
        *,
        resolve: Resolver = resolve_host,
        ssl_context: ssl.SSLContext | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._hosts = hosts or HostPolicy()
        self.limits = limits or FetchLimits()
        self._resolve = resolve
        self._ssl_context = ssl_context or httpx.create_ssl_context()
        self._monotonic = clock

    def client(self, connections: int = 16) -> httpx.Client:
        limits = self.limits
        transport = GuardedTransport(GuardedBackend(self._resolve), self._ssl_context, connections)
        return httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(
                limits.read_seconds,
                connect=limits.connect_seconds,
                pool=limits.total_seconds,
            ),
            follow_redirects=False,
            trust_env=False,  # a proxy from the environment would bypass the address checks
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"},
        )

    def get(
        self,
        client: httpx.Client,
        url: str,
        headers: Mapping[str, str],
        params: Mapping[str, str] | None = None,
    ) -> Answer:
        """The body of a 2xx answer, read to at most `max_bytes`; FetchError otherwise."""
        deadline = self._monotonic() + self.limits.total_seconds
        try:
            request = client.build_request("GET", url, headers=headers, params=params)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol):
            raise FetchError("the URL is not a valid http(s) address") from None
        for _ in range(self.limits.max_redirects + 1):
            self._check(request.url)
            response = _send(client, request)
            try:
                if response.next_request is None:
                    return self._answer(response, deadline)
                request = _same_host_redirect(request.url, response.next_request)
            finally:
                response.close()
        raise FetchError(f"more than {self.limits.max_redirects} redirects")

    def _check(self, url: httpx.URL) -> None:
        if url.scheme not in ("http", "https") or not url.host:
            raise FetchError("the URL is not a valid http(s) address")
        self._hosts.check(url.host, url.port or DEFAULT_PORTS[url.scheme])

    def _answer(self, response: httpx.Response, deadline: float) -> Answer:
        if not response.is_success:
            raise FetchError(f"HTTP {response.status_code}")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.limits.max_bytes:
            raise FetchError(f"the answer is larger than {_size(self.limits.max_bytes)}")
        body = self._read(response, deadline)
        content_type = response.headers.get("Content-Type", "")
        return Answer(body, content_type.split(";")[0].strip().lower(), response.charset_encoding)

    def _read(self, response: httpx.Response, deadline: float) -> bytes:
        """The body, decompressed as it comes, stopping as soon as it passes the cap."""
        limit = self.limits.max_bytes
        inflate = _decoder(response.headers.get("Content-Encoding", "identity"))
        parts, size = [], 0
        try:
            for raw in response.iter_raw():
                if self._monotonic() > deadline:
                    raise FetchError(f"the answer took longer than {self.limits.total_seconds:g} s")
                part = inflate(raw, limit - size)
                size += len(part)
                if size > limit:
                    raise FetchError(f"the answer is larger than {_size(limit)}")
                parts.append(part)
        except httpx.TimeoutException:
            raise FetchError(f"no answer within {self.limits.read_seconds:g} s") from None
        except httpx.TransportError:
            raise FetchError("the connection broke while reading the answer") from None
        return b"".join(parts)


def _send(client: httpx.Client, request: httpx.Request) -> httpx.Response:
    try:
        return client.send(request, stream=True)
    except httpx.ConnectTimeout:
        raise FetchError("could not connect in time") from None
    except httpx.TimeoutException:
        raise FetchError("no answer in time") from None
    except httpx.ConnectError as error:
        if "CERTIFICATE_VERIFY_FAILED" in str(error):
            raise FetchError("the server's TLS certificate is not valid for its host") from None
        raise FetchError("could not connect") from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL):
        raise FetchError("redirected to an address that is not http(s)") from None
    except httpx.TransportError:
        raise FetchError("the connection failed") from None


def _same_host_redirect(origin: httpx.URL, redirect: httpx.Request) -> httpx.Request:
    """The redirect when it stays on the same host and port (or goes from http to https)."""
    target = redirect.url
    if target.scheme not in ("http", "https"):
        raise FetchError("redirected to an address that is not http(s)")
    upgrade = origin.scheme == "http" and target.scheme == "https"
    same_port = origin.port == target.port and origin.scheme == target.scheme
    default_ports = origin.port is None and target.port is None
    if target.host != origin.host or not (same_port or (upgrade and default_ports)):
        where = target.host + (f":{target.port}" if target.port else "")
        raise AddressRefused(f"redirected to another host ({where}): only same-host redirects")
    return redirect


def _decoder(encoding: str) -> Callable[[bytes, int], bytes]:
    """Turns raw chunks into body bytes, inflating at most `room + 1` bytes of each chunk."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return lambda raw, room: raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"the answer is compressed as {encoding[:20]}, which is not read")
    inflater = zlib.decompressobj(_GZIP_OR_ZLIB)

    def inflate(raw: bytes, room: int) -> bytes:
        # Bounded output: a small compressed bomb never expands past the cap in memory.
        try:
            return inflater.decompress(raw, max(room, 0) + 1)
        except zlib.error:
            raise FetchError("the compressed answer is damaged") from None

    return inflate


def _size(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit:,} bytes"
