"""What the author sees after saving: the references made, and any coaching hints again."""

from bot.domain.coaching import Hint
from bot.services.okrs.drafts import SavedKeyResult, SavedObjective
from bot.slack.render.blocks import Block, context, section
from bot.slack.render.draft_inputs import hints_text
from bot.slack.render.text import escape


def objective_created(saved: SavedObjective) -> tuple[str, list[Block]]:
    lines = [
        f"✅ Created `{saved.ref}` *{escape(saved.title)}* for {escape(saved.team_name)} "
        f"in {escape(saved.cycle_name)}, with:"
    ]
    lines += [f"• `{kr.ref}` {escape(kr.title)}" for kr in saved.key_results]
    text = f"Created {saved.ref} with {len(saved.key_results)} key result(s)."
    blocks = [section("\n".join(lines))]
    hints = [(saved.ref, saved.hints)] + [(kr.ref, kr.hints) for kr in saved.key_results]
    return text, blocks + _hint_blocks(hints)


def objective_updated(saved: SavedObjective) -> tuple[str, list[Block]]:
    text = f"Saved {saved.ref}."
    blocks = [section(f"✅ Saved `{saved.ref}` *{escape(saved.title)}*.")]
    return text, blocks + _hint_blocks([(saved.ref, saved.hints)])


def key_result_updated(saved: SavedKeyResult) -> tuple[str, list[Block]]:
    if saved.archived:
        line = (
            f"🗄️ Archived `{saved.ref}` *{escape(saved.title)}*. No more check-ins for it; "
            "its history stays."
        )
        return f"Archived {saved.ref}.", [section(line)]
    text = f"Saved {saved.ref}."
    blocks = [section(f"✅ Saved `{saved.ref}` *{escape(saved.title)}*.")]
    return text, blocks + _hint_blocks([(saved.ref, saved.hints)])


def _hint_blocks(hints: list[tuple[str, list[Hint]]]) -> list[Block]:
    """Hints never block saving; they come back once more with the confirmation."""
    lines = [f"`{ref}`\n{hints_text(found)}" for ref, found in hints if found]
    if not lines:
        return []
    return [context("A few thoughts, if useful:"), section("\n".join(lines))]
