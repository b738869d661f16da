"""One cut for all text: within the limit, marked, never inside an entity or a Slack link."""

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.text import CUT_MARK, truncate
from bot.slack.render.blocks import context, header, section
from bot.slack.render.text import escape

_HALF_ENTITY = re.compile(r"&[a-z]{0,3}$")
_HALF_LINK = re.compile(r"<(?:[@#!]|https?:|mailto:)[^>]*$")
_TEXT = st.text(alphabet=st.sampled_from("ab &<>;@#!|:/é🎯"), max_size=80)


def test_text_that_fits_is_kept_whole() -> None:
    assert truncate("a &amp; b", 9) == "a &amp; b"


def test_a_cut_is_marked_and_stays_within_the_limit() -> None:
    assert truncate("abcdef", 4) == "abc…"


def test_a_cut_never_ends_inside_an_entity() -> None:
    assert truncate(escape("a&b"), 5) == "a…"  # not "a&am…"
    assert truncate(escape("a<b"), 4) == "a…"
    assert truncate(escape("ab>c"), 6) == "ab…"


def test_a_cut_never_ends_inside_a_mention_or_a_link() -> None:
    assert truncate("hi <@U0ALICE001> there", 10) == "hi …"
    assert truncate("see <https://example.com|the page>", 20) == "see …"


@given(_TEXT, st.integers(min_value=1, max_value=90))
def test_any_escaped_text_cut_anywhere_is_still_valid(raw: str, limit: int) -> None:
    text = escape(raw)
    cut = truncate(text, limit)
    assert len(cut) <= limit
    if len(text) <= limit:
        assert cut == text
        return
    assert cut.endswith(CUT_MARK)
    kept = cut.removesuffix(CUT_MARK)
    assert text.startswith(kept)
    assert not _HALF_ENTITY.search(kept), cut
    assert not _HALF_LINK.search(kept), cut


def test_blocks_cut_escaped_text_at_slacks_limits_on_an_entity_boundary() -> None:
    # 2,999 characters, then `&` escaped: a plain slice at 3,000 would leave `&amp` behind.
    text = "x" * 2998 + escape("&&")
    for block_text in (
        section(text)["text"]["text"],
        context(text)["elements"][0]["text"],
    ):
        assert len(block_text) <= 3000
        assert block_text == "x" * 2998 + "…"
    assert header("h" * 200)["text"]["text"] == "h" * 149 + "…"
