"""OKR_SOURCE_HOSTS: the hosts key-result sources may be fetched from."""

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings


@pytest.fixture(autouse=True)
def no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_by_default_any_host_is_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OKR_SOURCE_HOSTS", raising=False)

    assert load_settings().source_hosts() == ()


def test_a_list_of_names_addresses_and_wildcards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "OKR_SOURCE_HOSTS", " prometheus.internal:9090, *.example.com,10.0.0.7,::1,[::1]:80, "
    )

    hosts = load_settings().source_hosts()

    assert hosts == ("prometheus.internal:9090", "*.example.com", "10.0.0.7", "::1", "[::1]:80")


@pytest.mark.parametrize(
    "value", ["http://prometheus.internal", "bad host", "*.", "a/b", "host:0", "host:x", "[::1"]
)
def test_a_malformed_entry_stops_start_up_with_one_line(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("OKR_SOURCE_HOSTS", value)

    with pytest.raises(SettingsError) as raised:
        load_settings()

    message = str(raised.value)
    assert message.startswith("OKR_SOURCE_HOSTS is invalid: must be host names or IP addresses")
    assert "\n" not in message
