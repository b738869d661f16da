"""The digest as a picture: each KR's progress against pace and its confidence, week by week."""

import io
import threading
import warnings
from dataclasses import dataclass
from math import ceil, sqrt
from typing import TYPE_CHECKING

from bot.domain.digest_schedule import week_of_cycle
from bot.domain.progress import Status
from bot.services.digests.results import DigestKR, TeamDigest
from bot.slack.render.text import truncate

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Beyond 30 panels (5 by 6) each is too small to read in Slack's image viewer.
MAX_PANELS = 30
# Seven pictures of 30 cover a 200-KR team; beyond that the text carries the rest.
MAX_IMAGES = 7
COLUMNS = 5
PANEL_INCHES = (3.4, 2.5)
MIN_WIDTH_INCHES = 8.0  # room for the title and the legend above one or two panels
DPI = 100
ALT_TEXT_CHARS = 1_000  # files.getUploadURLExternal answers alt_txt_too_large beyond
PANEL_TITLE_CHARS = 30
NAME_CHARS = 40
STATUS_WORDS = {
    Status.ON_TRACK: "on track",
    Status.AT_RISK: "at risk",
    Status.OFF_TRACK: "off track",
    Status.NO_CHECKIN: "no check-in yet",
}
STATUS_COLOURS = {
    Status.ON_TRACK: "#2e7d32",
    Status.AT_RISK: "#e69500",
    Status.OFF_TRACK: "#c62828",
    Status.NO_CHECKIN: "#9e9e9e",
}
PACE_COLOUR = "#757575"
CONFIDENCE_COLOUR = "#5c6bc0"
# matplotlib is not thread-safe; digests are posted from the scheduler and from listeners.
_DRAWING = threading.Lock()


@dataclass(frozen=True)
class DigestChart:
    png: bytes
    filename: str
    title: str
    alt_text: str


def digest_charts(digest: TeamDigest) -> list[DigestChart]:
    """The charts as PNGs, 30 KRs each, those needing attention first; none without
    matplotlib (the optional `charts` extra)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        return []
    pages = chart_pages(digest)
    charts = []
    for number, (shown, note) in enumerate(pages, start=1):
        columns = _columns(len(shown))
        rows = max(1, ceil(len(shown) / columns))
        size = (max(MIN_WIDTH_INCHES, PANEL_INCHES[0] * columns), PANEL_INCHES[1] * rows + 1.4)
        buffer = io.BytesIO()
        with _DRAWING, warnings.catch_warnings():
            # Titles may hold emoji the bundled font lacks: drawn as a box, not worth a warning.
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            figure = Figure(figsize=size, dpi=DPI, layout="constrained")
            FigureCanvasAgg(figure)
            _draw(figure, digest, shown, note)
            figure.savefig(buffer, format="png")
        part = f" ({number} of {len(pages)})" if len(pages) > 1 else ""
        name = truncate(digest.team_name, NAME_CHARS)
        title = f"{name} OKR digest {digest.period}: progress chart{part}"
        filename = f"okr-digest-{digest.period}{f'-{number}' if part else ''}.png"
        charts.append(
            DigestChart(buffer.getvalue(), filename, title, alt_text(digest, shown, note))
        )
    return charts


def chart_pages(digest: TeamDigest) -> list[tuple[tuple[DigestKR, ...], str | None]]:
    """The KRs of each picture, those needing attention first, with a note when split."""
    every = digest.key_results
    first_ids = {kr.kr_id for kr in digest.needs_attention}
    ordered = digest.needs_attention + tuple(kr for kr in every if kr.kr_id not in first_ids)
    if len(ordered) <= MAX_PANELS:
        return [(ordered, None)]
    kept = ordered[: MAX_PANELS * MAX_IMAGES]
    pages = [kept[start : start + MAX_PANELS] for start in range(0, len(kept), MAX_PANELS)]
    left_out = len(ordered) - len(kept)
    notes = []
    for number, page in enumerate(pages, start=1):
        note = f"Picture {number} of {len(pages)}: {len(page)} of {len(every)} key results"
        if number == 1 and first_ids:
            note += f", the {len(first_ids)} needing attention first"
        if left_out and number == len(pages):
            note += f"; {left_out} more are only in the text"
        notes.append(note + ".")
    return list(zip(pages, notes, strict=True))


def alt_text(digest: TeamDigest, shown: tuple[DigestKR, ...], note: str | None) -> str:
    """What the picture says, for screen readers, within Slack's limit."""
    team, cycle = truncate(digest.team_name, NAME_CHARS), truncate(digest.cycle_name, NAME_CHARS)
    head = (
        f"Progress against pace and confidence by week for the {team} digest, {cycle} "
        f"week {digest.week} of {digest.weeks}, pace {round(digest.pace * 100)}%."
    )
    lines = [head, note] if note else [head]
    if not shown:
        lines.append("No key results yet.")
    for kr in shown:
        sure = f", confidence {kr.confidence}/10" if kr.confidence is not None else ""
        lines.append(
            f"{truncate(' '.join(kr.title.split()), 60)}: {round(kr.progress * 100)}%{sure}, "
            f"{STATUS_WORDS[kr.status]}."
        )
    return truncate(" ".join(lines), ALT_TEXT_CHARS)


def _columns(panels: int) -> int:
    return max(1, min(COLUMNS, ceil(sqrt(panels))))


def _draw(
    figure: "Figure", digest: TeamDigest, shown: tuple[DigestKR, ...], note: str | None
) -> None:
    # User text is drawn as is (PNG is not mrkdwn), but never parsed: `$…$` would be maths.
    # No wrap=True either: matplotlib measures wrapped text as maths regardless.
    title = (
        f"{truncate(digest.team_name, NAME_CHARS)}\n"
        f"{truncate(digest.cycle_name, NAME_CHARS)} · week {digest.week} of {digest.weeks}"
    )
    figure.suptitle(title, fontsize=13, fontweight="bold", parse_math=False)
    if not shown:
        figure.text(0.5, 0.4, "No key results to chart yet.", ha="center", fontsize=11)
        return
    columns = _columns(len(shown))
    grid = figure.subplots(ceil(len(shown) / columns), columns, squeeze=False)
    panels = [axes for row in grid for axes in row]
    twins = [_panel(axes, digest, kr) for axes, kr in zip(panels, shown, strict=False)]
    for axes in panels[len(shown) :]:
        axes.set_visible(False)
    handles, labels = panels[0].get_legend_handles_labels()
    more_handles, more_labels = twins[0].get_legend_handles_labels()
    figure.legend(
        handles + more_handles,
        labels + more_labels,
        loc="outside lower center",
        ncols=3,
        fontsize=9,
        frameon=False,
        title=note,
        title_fontsize=9,
    )


def _panel(axes: "Axes", digest: TeamDigest, kr: DigestKR) -> "Axes":
    """One KR: pace and progress on the left axis, confidence on the right; returns the right."""
    weeks = [week_of_cycle(digest.cycle_start, digest.cycle_end, p.period)[0] for p in kr.history]
    _progress_axis(axes, digest, kr, weeks)
    _panel_words(axes, kr)
    return _confidence_axis(axes, kr, weeks)


def _progress_axis(axes: "Axes", digest: TeamDigest, kr: DigestKR, weeks: list[int]) -> None:
    """Pace as a dashed diagonal, progress in the status's colour, this week as a thin line."""
    axes.plot([0, digest.weeks], [0, 100], "--", color=PACE_COLOUR, lw=1, label="pace")
    axes.plot(
        weeks,
        [point.progress * 100 for point in kr.history],
        "-o",
        color=STATUS_COLOURS[kr.status],
        lw=2,
        ms=4,
        label="progress (colour: status)",
    )
    axes.axvline(digest.week, color="#d0d0d0", lw=0.8, zorder=0)
    axes.set_xlim(0, digest.weeks)
    axes.set_xticks(range(0, digest.weeks + 1, max(1, ceil(digest.weeks / 7))))
    axes.set_ylim(0, 105)
    axes.set_yticks([0, 50, 100], ["0%", "50%", "100%"])
    axes.tick_params(labelsize=7)


def _panel_words(axes: "Axes", kr: DigestKR) -> None:
    """The KR's reference and title above the panel, its status and numbers inside it."""
    title = f"{kr.ref} · {truncate(' '.join(kr.title.split()), PANEL_TITLE_CHARS)}"
    axes.set_title(title, fontsize=9, loc="left", parse_math=False)
    sure = f" · confidence {kr.confidence}/10" if kr.confidence is not None else ""
    axes.text(
        0.03,
        0.95,
        f"{STATUS_WORDS[kr.status]} · {round(kr.progress * 100)}%{sure}",
        transform=axes.transAxes,
        va="top",
        fontsize=7.5,
        color=STATUS_COLOURS[kr.status],
    )


def _confidence_axis(axes: "Axes", kr: DigestKR, weeks: list[int]) -> "Axes":
    """Confidence week by week on a right-hand axis sharing the panel's weeks."""
    confidence = axes.twinx()
    confidence.plot(
        weeks,
        [point.confidence for point in kr.history],
        "-s",
        color=CONFIDENCE_COLOUR,
        lw=1,
        ms=3,
        alpha=0.8,
        label="confidence (0–10, right axis)",
    )
    confidence.set_ylim(0, 10.5)
    confidence.set_yticks([0, 5, 10])
    confidence.tick_params(labelsize=7, colors=CONFIDENCE_COLOUR)
    return confidence
