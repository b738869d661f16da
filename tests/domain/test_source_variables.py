"""`${NAME}` references: which names a source uses, and filling them from the environment."""

import pytest

from bot.domain.source_variables import MissingVariable, expand, has_variables, variables_in


def test_names_are_listed_in_order_once_each() -> None:
    text = "Bearer ${FANS_API_TOKEN} for ${TEAM}/${FANS_API_TOKEN}"
    assert variables_in(text) == ["FANS_API_TOKEN", "TEAM"]
    assert has_variables(text)
    assert variables_in("https://example.com/metrics?x=$5") == []
    assert not has_variables("plain text with a $ sign")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Bearer ${}", "not a variable reference"),
        ("Bearer ${1TOKEN}", "not a variable reference"),
        ("Bearer ${FANS-TOKEN}", "not a variable reference"),
        ("Bearer ${TOKEN", "not closed"),
        ("${A} and ${B", "not closed"),
    ],
)
def test_malformed_references_are_refused(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        variables_in(text)


def test_expansion_fills_every_reference() -> None:
    environ = {"TOKEN": "s3cret", "HOST": "metrics.internal"}

    assert expand("Bearer ${TOKEN}", environ) == "Bearer s3cret"
    assert expand("https://${HOST}/q?t=${TOKEN}", environ) == "https://metrics.internal/q?t=s3cret"
    assert expand("nothing to fill", {}) == "nothing to fill"


def test_a_value_holding_dollar_braces_is_not_expanded_again() -> None:
    assert expand("${A}", {"A": "${B}", "B": "oops"}) == "${B}"


def test_a_missing_variable_is_named_and_no_value_is_shown() -> None:
    with pytest.raises(MissingVariable) as raised:
        expand("Bearer ${FANS_API_TOKEN} ${OTHER}", {"OTHER": "visible-value"})

    assert raised.value.name == "FANS_API_TOKEN"
    assert "FANS_API_TOKEN is not set" in raised.value.message
    assert "visible-value" not in raised.value.message


def test_an_empty_variable_counts_as_missing() -> None:
    with pytest.raises(MissingVariable, match="TOKEN"):
        expand("Bearer ${TOKEN}", {"TOKEN": ""})
