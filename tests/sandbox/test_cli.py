"""`okr-bot sandbox` from the command line: one line with the address, on loopback only."""

from pathlib import Path

import httpx

from tests.cli_process import run_cli
from tests.sandbox.conftest import RunningSandbox

LISTEN = "0A"  # the state of a listening socket in /proc/net/tcp


def test_it_prints_the_pages_address_and_serves_it(sandbox: RunningSandbox) -> None:
    lines = [line for line in sandbox.output().splitlines() if "open http" in line]

    assert lines == [f"OKR Bot sandbox: open {sandbox.url} in your browser (Ctrl-C stops it)."]
    page = httpx.get(sandbox.url, timeout=10)
    assert page.status_code == 200 and "OKR Bot sandbox" in page.text


def test_it_listens_on_127_0_0_1_only(sandbox: RunningSandbox) -> None:
    listening = _listening_addresses(sandbox.port)

    assert listening == {"127.0.0.1"}


def test_it_keeps_its_own_database_apart_from_production(sandbox: RunningSandbox) -> None:
    state = sandbox.directory / "state"

    assert (state / "okr-bot-sandbox.sqlite3").exists()
    assert not (sandbox.directory / "okr-bot.sqlite3").exists()


def test_a_bad_port_is_one_line(tmp_path: Path) -> None:
    result = run_cli("sandbox", "--port", "70000", cwd=tmp_path)

    assert result.code != 0 and "Traceback" not in result.err and "--port" in result.err


def test_run_without_slack_settings_points_at_the_sandbox(tmp_path: Path) -> None:
    result = run_cli("run", cwd=tmp_path)

    result.assert_one_line_failure("SLACK_BOT_TOKEN", "okr-bot sandbox")


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port`, read from the kernel's table."""
    found = set()
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        if not table.exists():
            continue
        for row in table.read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if state == LISTEN and int(hex_port, 16) == port:
                found.add(_address(address))
    return found


def _address(hex_address: str) -> str:
    if len(hex_address) != 8:
        return "ipv6:" + hex_address
    octets = bytes.fromhex(hex_address)[::-1]  # the kernel writes IPv4 in host (little) order
    return ".".join(str(octet) for octet in octets)
