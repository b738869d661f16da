"""What the prompt DM turns into once answered: the new numbers and how they moved."""

from datetime import datetime

from bot.services.snapshots import CheckinReceipt, ReceiptLine
from bot.slack.render.blocks import Block, context, header, section
from bot.slack.render.text import change, confidence, escape, value_against_target


def checkin_receipt(receipt: CheckinReceipt) -> tuple[str, list[Block]]:
    how = "no change" if receipt.one_click else f"{len(receipt.lines)} key result(s)"
    text = f"Checked in for {receipt.period}: {how}. Thank you!"
    blocks: list[Block] = [header(f"✅ Checked in · {receipt.period}")]
    blocks += [_line(line) for line in receipt.lines[:45]]
    blocks.append(context("Thank you! Check in again any time this week to change your answer."))
    return text, blocks


def snoozed(period: str, until: datetime) -> tuple[str, list[Block]]:
    when = f"<!date^{int(until.timestamp())}^{{time}}|in 2 hours>"
    text = f"Snoozed your {period} check-in; I'll ask again in 2 hours."
    return text, [section(f"😴 Snoozed your {period} check-in. I'll ask again at {when}.")]


def _line(line: ReceiptLine) -> Block:
    now = value_against_target(line.kr_type, line.value, line.target, line.unit)
    moved = change(line.kr_type, line.value, line.previous_value, line.unit)
    return section(
        f"*{escape(line.title)}*\n{now} ({moved}) · "
        f"{confidence(line.confidence, line.previous_confidence)}"
    )
