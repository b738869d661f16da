"""The learnings library, the objective tree, score changes and retro asks, as private replies."""

from bot.domain.hypotheses import STATUS_EMOJI
from bot.domain.scoring import format_score
from bot.services.okrs.hypotheses import Tree
from bot.services.okrs.learnings import LearningSearch, ScoreChange
from bot.services.retros.answers import AskResult
from bot.slack.render.blocks import Block, context, section
from bot.slack.render.fit import fitting, json_size
from bot.slack.render.text import STATUS_LABEL, escape, progress_bar, truncate

SECTION_CHARS = 2_800
SECTION_JSON_CHARS = 4_000
TEXT_CHARS = 500
TITLE_CHARS = 120
Message = tuple[str, list[Block]]


def learnings_message(found: LearningSearch) -> Message:
    words = " ".join(found.words)
    if not found.entries:
        hint = (
            f"No learnings mention “{escape(words)}” yet. Try fewer or other words, "
            "or `/okr learnings` for the newest."
            if words
            else "No learnings yet. They come from retros (`/okr retro KR-12`) and decided "
            "hypotheses (`/okr hypothesis KR-12`)."
        )
        return "No learnings found", [section(f"📚 {hint}")]
    heading = f"📚 *Learnings* about “{escape(words)}”" if words else "📚 *Newest learnings*"
    items: list[Block] = []
    for entry in found.entries:
        who = f"<@{entry.author}>" if entry.author else "shared without a name"
        items.append(
            section(
                f"• {escape(truncate(entry.text, TEXT_CHARS))}\n"
                f"   `{entry.kr_ref}` {escape(truncate(entry.kr_title, TITLE_CHARS))} · "
                f"`{entry.objective_ref}` {escape(truncate(entry.objective_title, TITLE_CHARS))}"
                f" · {escape(entry.cycle_name)} · from a {escape(entry.source)} · {who}"
            )
        )
    blocks = fitting([section(heading)], items)
    if len(blocks) - 1 < len(items):
        blocks.append(context(f"…and {len(items) - len(blocks) + 1} more: add words to narrow."))
    return f"{len(found.entries)} learning(s) found", blocks


def tree_message(tree: Tree) -> Message:
    lines = [f"🎯 *{escape(truncate(tree.objective_title, TITLE_CHARS))}* `{tree.objective_ref}`"]
    for kr in tree.key_results:
        lines.append(
            f"    ↳ `{kr.ref}` {escape(truncate(kr.title, TITLE_CHARS))} · "
            f"{progress_bar(kr.progress)} · {STATUS_LABEL[kr.status]}"
        )
        for bet in kr.hypotheses:
            lines.append(
                f"        ↳ {STATUS_EMOJI[bet.status]} {escape(truncate(bet.statement, 200))}"
                f" · ICE {bet.ice:g}"
            )
        if not kr.hypotheses:
            lines.append(f"        ↳ _no hypotheses yet: `/okr hypothesis {kr.ref}`_")
    sections: list[Block] = []
    text = ""
    for line in lines:
        longer = f"{text}\n{line}" if text else line
        if text and (len(longer) > SECTION_CHARS or json_size(longer) > SECTION_JSON_CHARS):
            sections.append(section(text))
            text = line
        else:
            text = longer
    sections.append(section(text))
    blocks = fitting([], sections)
    legend = "🧪 open · ✅ validated · ❌ invalidated"
    if len(blocks) < len(sections):
        legend += " · the tree is too big to show whole: try `/okr tree KR-12` for one branch"
    blocks.append(context(legend))
    return f"Tree of {tree.objective_ref}", blocks


def score_message(change: ScoreChange) -> Message:
    text = (
        f"✅ `{change.kr_ref}` {escape(truncate(change.kr_title, TITLE_CHARS))} now scores "
        f"{format_score(change.score)}. Reason: {escape(truncate(change.reason, TEXT_CHARS))}"
    )
    return f"{change.kr_ref} now scores {change.score}", [section(text)]


def ask_message(result: AskResult) -> Message:
    title = f"`{result.kr_ref}` {escape(truncate(result.kr_title, TITLE_CHARS))}"
    people = ", ".join(f"<@{user}>" for user in result.asked) or "nobody (no active owner)"
    if result.already:
        text = f"A retro on {title} was already asked for this period, of {people}."
    else:
        text = f"🔁 Retro asked on {title}: I will DM {people} in their working hours."
    return text, [section(text)]
