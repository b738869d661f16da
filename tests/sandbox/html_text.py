"""Reading rendered HTML back: its tags and attributes, and the text a person would see."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Parsed:
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: str = ""


def parse(html: str) -> Parsed:
    parsed = Parsed()

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            parsed.tags.append((tag, dict(attrs)))

        def handle_data(self, data: str) -> None:
            parsed.text += data

    reader = Reader(convert_charrefs=True)
    reader.feed(html)
    reader.close()
    return parsed
