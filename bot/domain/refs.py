"""Short references people type and read: `O-7` for objective 7, `KR-12` for key result 12."""

import re
from dataclasses import dataclass
from enum import StrEnum

_REF = re.compile(r"(O|KR)-?(\d{1,9})", re.IGNORECASE)


class RefKind(StrEnum):
    OBJECTIVE = "O"
    KEY_RESULT = "KR"


OBJECTIVE_PREFIX = f"{RefKind.OBJECTIVE}-"
KR_PREFIX = f"{RefKind.KEY_RESULT}-"


@dataclass(frozen=True)
class Ref:
    kind: RefKind
    id: int

    def __str__(self) -> str:
        return f"{self.kind.value}-{self.id}"


def parse_ref(word: str) -> Ref | None:
    """`O-7`, `o7`, `KR-12` or `kr12` as a reference; None for anything else."""
    found = _REF.fullmatch(word.strip())
    if found is None:
        return None
    return Ref(RefKind(found.group(1).upper()), int(found.group(2)))


def objective_ref(objective_id: int | None) -> str:
    return f"{OBJECTIVE_PREFIX}{objective_id}"


def kr_ref(kr_id: int | None) -> str:
    return f"{KR_PREFIX}{kr_id}"
