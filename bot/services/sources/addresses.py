"""Which hosts and addresses a source may be fetched from: never link-local or cloud metadata."""

# Loopback and private ranges are allowed, because a self-hosted bot often reads an internal
# Prometheus; an operator who wants less lists the allowed hosts in OKR_SOURCE_HOSTS.

from collections.abc import Sequence
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network

from bot.domain.host_ports import split_host_port
from bot.services.sources.errors import AddressRefused

IPAddress = IPv4Address | IPv6Address

METADATA_ADDRESSES = frozenset(
    {
        ip_address("169.254.169.254"),  # AWS, GCP, Azure, Oracle, OpenStack, DigitalOcean
        ip_address("169.254.170.2"),  # AWS ECS task metadata
        ip_address("fd00:ec2::254"),  # AWS IMDS over IPv6
        ip_address("100.100.100.200"),  # Alibaba Cloud
    }
)
METADATA_HOSTS = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "instance-data",
        "instance-data.ec2.internal",
    }
)
# IPv6 forms that carry an IPv4 address a router may reach: IPv4-compatible, NAT64 and 6to4.
_IPV4_COMPATIBLE = ip_network("::/96")
_NAT64 = ip_network("64:ff9b::/96")


def address_refusal(address: IPAddress) -> str | None:
    """Why the bot never connects to `address`, or None when it may."""
    for candidate in (address, *_embedded_ipv4(address)):
        if candidate in METADATA_ADDRESSES:
            return "a cloud metadata address"
        if candidate.is_link_local:
            return "a link-local address"
        if candidate.is_unspecified or candidate.is_multicast:
            return "not an address of a single host"
        if candidate == IPv4Address("255.255.255.255"):
            return "a broadcast address"
    return None


def _embedded_ipv4(address: IPAddress) -> list[IPv4Address]:
    if isinstance(address, IPv4Address):
        return []
    found = [address.ipv4_mapped, address.sixtofour]
    if address in _IPV4_COMPATIBLE or address in _NAT64:
        found.append(IPv4Address(int(address) & 0xFFFFFFFF))
    return [ipv4 for ipv4 in found if ipv4 is not None]


def check_addresses(host: str, addresses: Sequence[IPAddress]) -> None:
    """Refuse the host when any address it resolves to is refused, so no answer slips through."""
    for address in addresses:
        reason = address_refusal(address)
        if reason is not None:
            raise AddressRefused(f"{host} is {reason}: sources are never fetched from there")


@dataclass(frozen=True)
class HostPolicy:
    """Host names a source may name; `allowed` empty means any host (but metadata ones).

    An entry is a host name or IP address, or `*.example.com` for any host under it, with an
    optional `:port` (`[::1]:9090` for IPv6) that then allows that port only."""

    allowed: tuple[str, ...] = ()

    def check(self, host: str, port: int | None = None) -> None:
        name = host.lower().rstrip(".")
        if name in METADATA_HOSTS:
            raise AddressRefused(
                f"{name} is a cloud metadata host: sources are never fetched there"
            )
        if self.allowed and not any(_allows(entry, name, port) for entry in self.allowed):
            raise AddressRefused(f"{name} is not one of the hosts listed in OKR_SOURCE_HOSTS")


def _allows(entry: str, host: str, port: int | None) -> bool:
    entry_host, entry_port = split_host_port(entry.lower())
    return _matches(host, entry_host) and entry_port in (None, port)


def _matches(host: str, entry: str) -> bool:
    if entry.startswith("*."):
        return host.endswith(entry[1:])
    try:
        return ip_address(host.strip("[]")) == ip_address(entry.strip("[]"))
    except ValueError:
        return host == entry
