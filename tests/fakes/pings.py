"""Who a message would notify: live user mentions and `<!here>`-style broadcasts in mrkdwn."""

import re
from collections.abc import Collection

from tests.fakes.blockkit import Surface, mrkdwn_texts

_PING = re.compile(r"<(@[UW][A-Z0-9]+|!here|!channel|!everyone|!subteam\^[A-Z0-9]+)(?:\|[^>]*)?>")


def pings(surface: Surface) -> list[str]:
    """Every notifying entity in the surface's mrkdwn, e.g. `@U0ALICE001` or `!here`."""
    return [match for text in mrkdwn_texts(surface) for match in _PING.findall(text)]


def assert_no_pings(surface: Surface, allowed: Collection[str] = ()) -> None:
    """Fail if the surface would notify anyone but the `allowed` user ids."""
    unwanted = [ping for ping in pings(surface) if ping.lstrip("@") not in allowed]
    assert not unwanted, f"a channel post would notify {unwanted}"
