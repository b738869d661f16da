"""Kind hints while drafting OKRs: outcomes over outputs, numbers, baselines, focus."""

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_FOCUSED_KRS = 5
# Verbs that name a task rather than a change; PRODUCT.md "Outcomes over outputs".
OUTPUT_VERBS = frozenset(
    {
        "launch",
        "ship",
        "build",
        "release",
        "implement",
        "migrate",
        "write",
        "deliver",
        "create",
        "deploy",
        "develop",
        "complete",
        "finish",
        "introduce",
        "publish",
        "redesign",
        "rewrite",
        "roll",
        "add",
    }
)
_IRREGULAR = {"built": "build", "wrote": "write", "written": "write", "shipped": "ship"}
_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


class HintKind(StrEnum):
    OUTPUT = "output"
    NO_NUMBER = "no_number"
    NO_BASELINE = "no_baseline"
    NUMBER_IN_OBJECTIVE = "number_in_objective"
    TOO_MANY_KRS = "too_many_krs"


@dataclass(frozen=True)
class Hint:
    kind: HintKind
    text: str


def key_result_hints(
    title: str, *, target: float | None, start: float | None, milestone: bool = False
) -> list[Hint]:
    """Hints for a key result as typed so far; an empty title gets none."""
    if not title.strip():
        return []
    hints: list[Hint] = []
    verb = output_verb(title)
    if verb is not None or milestone:
        what = f"“{verb}”" if verb else "a milestone"
        hints.append(
            Hint(
                HintKind.OUTPUT,
                f"This reads like an output ({what}). What change in what people do would show "
                "it worked? E.g. “weekly active fans from 1,000 to 5,000”.",
            )
        )
    if not milestone and target is None and not _DIGIT.search(title):
        hints.append(
            Hint(HintKind.NO_NUMBER, "Add a number to aim for, so everyone can tell when it's hit.")
        )
    if not milestone and start is None:
        hints.append(
            Hint(
                HintKind.NO_BASELINE,
                "Add where it stands today as the start value: a baseline makes progress visible.",
            )
        )
    return hints


def objective_hints(title: str, *, key_result_count: int) -> list[Hint]:
    """Hints for an objective: qualitative in its title, focused in its key results."""
    hints: list[Hint] = []
    if _DIGIT.search(title):
        hints.append(
            Hint(
                HintKind.NUMBER_IN_OBJECTIVE,
                "An objective is a qualitative direction; numbers belong in its key results.",
            )
        )
    if key_result_count > MAX_FOCUSED_KRS:
        hints.append(
            Hint(
                HintKind.TOO_MANY_KRS,
                f"{key_result_count} key results spread the focus; three to five usually serve "
                "an objective best.",
            )
        )
    return hints


def output_verb(title: str) -> str | None:
    """The first output verb in the title, in its base form, e.g. `Shipped X` → `ship`."""
    for word in _WORD.findall(title.lower()):
        base = _base_form(word)
        if base is not None:
            return base
    return None


def _base_form(word: str) -> str | None:
    if word in OUTPUT_VERBS:
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for ending in ("ing", "ed", "es", "s", "d"):
        stem = word.removesuffix(ending)
        if stem == word or len(stem) < 3:
            continue
        for candidate in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
            if candidate in OUTPUT_VERBS:
                return candidate
    return None
