"""A source read from a file or form is checked whole, its JMESPath path included."""

import pytest

from bot.domain.sources import HttpJsonSource, SourceSpecError
from bot.services.source_specs import read_source


def test_a_good_path_is_kept() -> None:
    spec = read_source({"kind": "http_json", "url": "https://x.example/s", "path": "a[?b>`1`].c"})

    assert spec == HttpJsonSource("https://x.example/s", "a[?b>`1`].c")


@pytest.mark.parametrize("path", ["a..b", "a[?", "foo(", "[0"])
def test_a_path_that_is_not_jmespath_is_named(path: str) -> None:
    with pytest.raises(SourceSpecError, match="is not a JMESPath expression") as raised:
        read_source({"kind": "http_json", "url": "https://x.example/s", "path": path})

    assert raised.value.field == "path"


def test_other_kinds_are_checked_by_the_domain_rules() -> None:
    with pytest.raises(SourceSpecError, match="every: must be at least 5m"):
        read_source({"kind": "prometheus", "url": "http://p:9090", "query": "up", "every": "1m"})
