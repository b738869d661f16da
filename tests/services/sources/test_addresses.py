"""Never link-local or cloud metadata in any form; loopback and private allowed; a host list."""

from ipaddress import ip_address

import pytest

from bot.services.sources.addresses import HostPolicy, address_refusal, check_addresses
from bot.services.sources.errors import AddressRefused


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("169.254.169.254", "cloud metadata"),
        ("169.254.170.2", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("169.254.0.1", "link-local"),
        ("169.254.255.255", "link-local"),
        ("fe80::1", "link-local"),
        ("febf:ffff::1", "link-local"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("::ffff:169.254.1.1", "link-local"),
        ("::169.254.169.254", "cloud metadata"),
        ("64:ff9b::a9fe:a9fe", "cloud metadata"),
        ("2002:a9fe:a9fe::1", "cloud metadata"),
        ("0.0.0.0", "single host"),  # noqa: S104
        ("::", "single host"),
        ("224.0.0.1", "single host"),
        ("ff02::1", "single host"),
        ("255.255.255.255", "broadcast"),
    ],
)
def test_refused_addresses(address: str, reason: str) -> None:
    refusal = address_refusal(ip_address(address))
    assert refusal is not None and reason in refusal


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.20",
        "fd12:3456::1",
        "100.64.0.1",
        "93.184.216.34",
        "2606:4700::1111",
        "::ffff:10.0.0.1",
    ],
)
def test_loopback_private_and_public_addresses_are_allowed(address: str) -> None:
    assert address_refusal(ip_address(address)) is None


def test_one_refused_address_among_many_refuses_the_host() -> None:
    with pytest.raises(AddressRefused, match=r"mixed\.test is a link-local address"):
        check_addresses("mixed.test", [ip_address("10.0.0.1"), ip_address("169.254.1.1")])
    check_addresses("fine.test", [ip_address("10.0.0.1"), ip_address("::1")])


@pytest.mark.parametrize(
    "host", ["metadata.google.internal", "METADATA.google.internal.", "metadata.goog", "metadata"]
)
def test_metadata_host_names_are_refused_by_name(host: str) -> None:
    with pytest.raises(AddressRefused, match="cloud metadata host"):
        HostPolicy().check(host)


def test_without_a_list_any_other_host_is_allowed() -> None:
    for host in ("127.0.0.1", "prometheus.internal", "sheets.example.com", "::1"):
        HostPolicy().check(host)


def test_the_list_allows_only_its_hosts() -> None:
    policy = HostPolicy(("prometheus.internal", "*.example.com", "10.0.0.7", "::1"))

    for host in (
        "prometheus.internal",
        "PROMETHEUS.internal",
        "sheets.example.com",
        "a.b.example.com",
    ):
        policy.check(host)
    policy.check("10.0.0.7")
    policy.check("0:0::1")
    for host in (
        "example.com",
        "evil-example.com",
        "prometheus.internal.evil",
        "10.0.0.8",
        "127.0.0.1",
    ):
        with pytest.raises(
            AddressRefused, match=f"{host} is not one of the hosts listed in OKR_SOURCE_HOSTS"
        ):
            policy.check(host)


def test_an_entry_with_a_port_allows_that_port_only() -> None:
    policy = HostPolicy(("127.0.0.1:8765", "[::1]:9090", "*.example.com:443"))

    policy.check("127.0.0.1", 8765)
    policy.check("::1", 9090)
    policy.check("sheets.example.com", 443)
    for host, port in (("127.0.0.1", 8766), ("::1", 8765), ("sheets.example.com", 80)):
        with pytest.raises(AddressRefused, match="is not one of the hosts listed"):
            policy.check(host, port)
