"""A small valid import file, and helpers to break it one line at a time."""

import pytest

from bot.services.okr_file.parse import FileProblem, ImportFileError, parse_okr_file

# Tests give line numbers counted from the first line of this text.
BASE = """\
cycle:
  name: 2026-Q4
  start: 2026-10-01
  end: 2026-12-31
teams:
  - name: Growth
    channel: C0GROWTH01
    leads: [U0LEAD0001]
    objectives:
      - title: Sports fans watch their game here
        owner: U0LEAD0001
        key_results:
          - title: Viewing sessions per fan
            owner: U0ALICE001
            contributors: [U0BOB00001]
            start: 2
            target: 3
            unit: sessions
"""


def edited(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def problems(text: str) -> list[FileProblem]:
    with pytest.raises(ImportFileError) as caught:
        parse_okr_file(text)
    return list(caught.value.problems)


def only_problem(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return str(found[0])


KR = "teams[0].objectives[0].key_results[0]"
