"""The /okr parser: Slack's escaping undone once, mentions and references understood, no crash."""

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.refs import Ref, RefKind, parse_ref
from bot.slack.forms.command_text import ChannelMention, UserMention, Word, tokenize, unescape


def test_mentions_references_and_words_are_told_apart() -> None:
    tokens = tokenize("list <@U0ALICE001|alice> <#C0GROWTH01|growth> o-7 KR12 team A&amp;B")
    assert tokens == [
        Word("list"),
        UserMention("U0ALICE001"),
        ChannelMention("C0GROWTH01", "growth"),
        Ref(RefKind.OBJECTIVE, 7),
        Ref(RefKind.KEY_RESULT, 12),
        Word("team"),
        Word("A&B"),
    ]


def test_escaping_is_undone_exactly_once() -> None:
    assert unescape("&amp;lt;b&amp;gt; &lt;@U1&gt;") == "&lt;b&gt; <@U1>"
    # A typed "<@U1>" arrives escaped and stays a word: only Slack's own mentions count.
    assert tokenize("&lt;@U0ALICE001&gt;") == [Word("<@U0ALICE001>")]


def test_mentions_glued_to_words_and_other_specials() -> None:
    assert tokenize("x<@U0BOB00001>y <!here>") == [
        Word("x"),
        UserMention("U0BOB00001"),
        Word("y"),
        Word("!here"),
    ]


def test_references() -> None:
    assert parse_ref("kr-3") == Ref(RefKind.KEY_RESULT, 3)
    assert str(Ref(RefKind.OBJECTIVE, 7)) == "O-7"
    assert parse_ref("KR-") is None
    assert parse_ref("OKR-1") is None
    assert parse_ref("O-1234567890") is None


@given(st.text())
def test_no_text_makes_the_parser_raise(text: str) -> None:
    tokenize(text)


@given(
    st.lists(
        st.sampled_from(["<", ">", "&amp;", "&lt;", "|", "<@U1|a>", "<#C1>", "O-1", "kr", " ", "@"])
        | st.text(max_size=4)
    )
)
def test_no_slack_like_text_makes_the_parser_raise(parts: list[str]) -> None:
    for token in tokenize("".join(parts)):
        assert not isinstance(token, Word) or token.text
