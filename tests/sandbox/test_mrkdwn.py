"""Slack's mrkdwn as HTML: Slack's rules first, then escaping, so user text stays text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.sandbox.render.mrkdwn import Names, mrkdwn_html, plain_html
from tests.sandbox.html_text import parse

NAMES = Names({"U0MAYA0001": "Maya <Chen>"}, {"C0GROWTH01": "growth"})
ALLOWED_TAGS = {"b", "i", "s", "code", "pre", "br", "blockquote", "ul", "li", "span", "a", "time"}


def escape(text: str) -> str:
    """What the bot does to user text before it goes into mrkdwn."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.parametrize(
    ("mrkdwn", "html"),
    [
        ("*bold*", "<b>bold</b>"),
        ("_italic_", "<i>italic</i>"),
        ("~struck~", "<s>struck</s>"),
        ("`a *b*`", "<code>a *b*</code>"),
        ("snake_case_name", "snake_case_name"),
        ("2*3*4", "2*3*4"),
        ("*not\nbold*", "*not<br>bold*"),
        ("```code <x>\n*y*```", '<pre class="code-block">code &lt;x&gt;\n*y*</pre>'),
        ("> quoted\n&gt; also", "<blockquote>quoted<br>also</blockquote>"),
        ("• one\n• two", '<ul class="mrkdwn-list"><li>• one</li><li>• two</li></ul>'),
        ("1. first\n2. second", '<ul class="mrkdwn-list"><li>1. first</li><li>2. second</li></ul>'),
        ("a &amp; b &lt;c&gt;", "a &amp; b &lt;c&gt;"),
        ("&quot;", "&amp;quot;"),
        (":tada: :no_such_emoji:", "🎉 :no_such_emoji:"),
    ],
)
def test_formatting(mrkdwn: str, html: str) -> None:
    assert mrkdwn_html(mrkdwn, NAMES) == html


def test_mentions_show_names_escaped() -> None:
    html = mrkdwn_html("<@U0MAYA0001> in <#C0GROWTH01> and <#C0OTHER001|other>", NAMES)

    assert "@Maya &lt;Chen&gt;</span>" in html
    assert "#growth</span>" in html and "#other</span>" in html


def test_broadcasts_stand_out() -> None:
    html = mrkdwn_html("<!channel> <!here> <!everyone>", NAMES)

    assert html.count('class="mention broadcast"') == 3


def test_links_open_only_web_and_mail_addresses() -> None:
    html = mrkdwn_html(
        "<https://example.com/a?b=1&amp;c=2|the *site*> <javascript:alert(1)|x>", NAMES
    )
    links = [attrs for tag, attrs in parse(html).tags if tag == "a"]

    assert links == [
        {
            "href": "https://example.com/a?b=1&c=2",
            "target": "_blank",
            "rel": "noopener noreferrer nofollow",
        }
    ]
    assert "the *site*" in parse(html).text


def test_an_unescaped_angle_bracket_shows_as_a_warning_not_as_markup() -> None:
    html = mrkdwn_html("<script>alert(1)</script>", NAMES)

    tags = {tag for tag, _ in parse(html).tags}
    assert "script" not in tags and 'class="unparsed"' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "<!channel> <!here> <@U0EVIL0001>",
        "<https://evil.example|click me>",
        "a & b &amp; c",
        "```<b>bold?</b>```",
        "\x00 0 \x00",
    ],
)
def test_escaped_hostile_text_reads_back_as_typed(hostile: str) -> None:
    html = mrkdwn_html(escape(hostile), NAMES)
    parsed = parse(html)

    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    assert not any(attrs for tag, attrs in parsed.tags if tag in ("a", "span"))
    assert parsed.text.replace("\n", "") == hostile.replace("```", "").replace("\x00", "").replace(
        "\n", ""
    )


# Without Slack's formatting characters and line breaks, escaped text must read back as typed.
PLAIN = st.characters(blacklist_characters="*_~`>:\x00\n\r", blacklist_categories=["Cs"])


@given(st.text(alphabet=PLAIN))
def test_any_escaped_text_stays_text(text: str) -> None:
    parsed = parse(mrkdwn_html(escape(text), NAMES))

    assert {tag for tag, _ in parsed.tags} <= {"ul", "li"}
    assert parsed.text == text


@given(st.text())
def test_mrkdwn_never_makes_markup_of_its_own_from_text(text: str) -> None:
    parsed = parse(mrkdwn_html(text, NAMES))

    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        if tag == "a":
            assert str(attrs["href"]).startswith(("http://", "https://", "mailto:"))


def test_plain_text_is_never_parsed() -> None:
    assert plain_html("*not bold* <@U0MAYA0001> &amp; :tada:") == (
        "*not bold* &lt;@U0MAYA0001&gt; &amp;amp; 🎉"
    )
