"""`host`, `host:port` or `[IPv6]:port`, as written in OKR_SOURCE_HOSTS: the host and its port."""

MAX_PORT = 65535


def split_host_port(entry: str) -> tuple[str, int | None]:
    """The host and the port, None when the entry names none; ValueError for a bad port.

    A bare IPv6 address has several colons and no port: a port after one needs brackets."""
    if entry.startswith("["):
        host, closed, rest = entry[1:].partition("]")
        if not closed or (rest and not rest.startswith(":")):
            raise ValueError("an IPv6 address in brackets is followed by :port or nothing")
        return host, _port(rest[1:]) if rest else None
    if entry.count(":") == 1:
        host, _, port = entry.partition(":")
        return host, _port(port)
    return entry, None


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= MAX_PORT:
        raise ValueError(f"the port must be a number from 1 to {MAX_PORT}")
    return int(text)
