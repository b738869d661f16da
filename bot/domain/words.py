"""The words worth searching by: lower case, no punctuation, no filler."""

import re

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Words under three letters are dropped anyway.
_FILLER = frozenset(
    {
        "and",
        "are",
        "for",
        "from",
        "get",
        "has",
        "have",
        "into",
        "its",
        "make",
        "more",
        "our",
        "per",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "this",
        "very",
        "was",
        "were",
        "what",
        "will",
        "with",
        "within",
    }
)
MAX_WORDS = 8


def search_words(text: str, limit: int = MAX_WORDS) -> list[str]:
    """Distinct meaningful words in order of appearance: `Grow the NPS!` → ['grow', 'nps']."""
    found: list[str] = []
    for match in _WORD.finditer(text.lower()):
        word = match.group(0)
        if len(word) < 3 or word in _FILLER or word in found:
            continue
        found.append(word)
        if len(found) == limit:
            break
    return found
