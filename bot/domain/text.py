"""Cutting text to a length: never inside an entity or a Slack link, and always marked."""

import re

CUT_MARK = "…"
# What a cut must not split: the end of `&amp;`, `&lt;`, `&gt;` before its `;`, and Slack's
# `<@U…>`, `<#C…>`, `<!here>` and `<https://…|text>` before their `>`.
_UNFINISHED_ENTITY = re.compile(r"&[a-z]{0,3}$")
_UNFINISHED_LINK = re.compile(r"<(?:[@#!]|https?:|mailto:)[^>]*$")


def truncate(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else its start and `…`, within `limit`.

    The one way text is shortened, so escaped mrkdwn cut at Slack's limits stays valid."""
    if len(text) <= limit:
        return text
    kept = text[: max(limit - len(CUT_MARK), 0)]
    kept = _UNFINISHED_LINK.sub("", _UNFINISHED_ENTITY.sub("", kept))
    return kept + CUT_MARK if limit >= len(CUT_MARK) else kept
