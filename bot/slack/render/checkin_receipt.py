"""What the prompt DM turns into once answered: the new numbers and how they moved."""

from datetime import UTC, datetime

from bot.domain.refs import kr_ref
from bot.services.checkins.results import CheckinReceipt, ReceiptLine
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
    when = slack_date(until, "{date_short_pretty} at {time}")
    text = f"Snoozed your {period} check-in until {until:%Y-%m-%d %H:%M} UTC."
    return text, [section(f"😴 Snoozed your {period} check-in. I'll ask again {when}.")]


def slack_date(instant: datetime, template: str) -> str:
    """A date Slack shows in each reader's own zone, with a UTC fallback for old clients."""
    fallback = f"{instant.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    return f"<!date^{int(instant.timestamp())}^{template}|{fallback}>"


def _line(line: ReceiptLine) -> Block:
    now = value_against_target(line.kr_type, line.value, line.target, line.unit)
    moved = change(line.kr_type, line.value, line.previous_value, line.unit)
    ref = f" `{kr_ref(line.kr_id)}`" if line.kr_id is not None else ""
    return section(
        f"*{escape(line.title)}*{ref}\n{now} ({moved}) · "
        f"{confidence(line.confidence, line.previous_confidence)}"
    )
