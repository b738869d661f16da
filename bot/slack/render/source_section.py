"""The edit modal's Data source section: kind, URL, what to read, interval, headers, *Test*."""

from dataclasses import dataclass

from bot.domain.sources import SourceKind
from bot.services.sources.results import SourceProbe
from bot.slack import ids
from bot.slack.ids import Action, Prefill
from bot.slack.limits import TEXT_INPUT
from bot.slack.render.blocks import (
    Block,
    actions,
    button,
    context,
    divider,
    input_block,
    mrkdwn,
    plain,
)
from bot.slack.render.text import escape, number, truncate

KINDS = (
    (ids.NO_SOURCE, "None: people enter the value"),
    (SourceKind.HTTP_JSON.value, "JSON over HTTP"),
    (SourceKind.PROMETHEUS.value, "Prometheus"),
    (SourceKind.CSV.value, "CSV (e.g. a published spreadsheet)"),
    (SourceKind.WEBHOOK.value, "Webhook: values are pushed to the bot"),
)
PICK_HINT = (
    "JSON: a JMESPath such as data.fans.count. Prometheus: a PromQL query. "
    "CSV: a cell such as B7, or lines row: Total and/or column: 2026."
)
HEADERS_HINT = (
    "Optional, one Name: value a line. Secrets only as ${NAME}, set in the bot's environment: "
    "Authorization: Bearer ${FANS_API_TOKEN}"
)
EVERY_HINT = "How often to fetch: 5m to 31d, e.g. 15m, 1h, 1d (1h when empty)"
MAX_ERROR = 500


@dataclass(frozen=True)
class SourceSection:
    """Shown to the key result's owner, its team's leads and admins; `probe`: a Test's answer."""

    kr_ref: str
    probe: SourceProbe | None = None


def source_blocks(section: SourceSection, prefill: Prefill) -> list[Block]:
    blocks = [
        divider(),
        context(
            "*Data source*: where this key result's value comes from, fetched on its own so "
            "people are asked only for confidence and a note."
        ),
        input_block(ids.KIND_BLOCK, "Data source", _kind_select(prefill)),
        _text(ids.URL_BLOCK, "URL", prefill, 2000, hint="http:// or https://; not for a webhook"),
        _text(ids.PICK_BLOCK, "Path, query or cell", prefill, 1000, hint=PICK_HINT, lines=True),
        _text(
            ids.EVERY_BLOCK,
            "Every",
            prefill,
            10,
            hint=EVERY_HINT,
        ),
        _text(ids.HEADERS_BLOCK, "Headers", prefill, TEXT_INPUT, hint=HEADERS_HINT, lines=True),
        actions(button("Test", Action.SOURCE_TEST, section.kr_ref), block_id=ids.TEST_BLOCK),
    ]
    if prefill.get(ids.KIND_BLOCK) == SourceKind.WEBHOOK.value:
        blocks.append(context(webhook_note(section.kr_ref)))
    if section.probe is not None:
        blocks.append(_result(section.probe))
    return blocks


def _kind_select(prefill: Prefill) -> Block:
    options = [{"text": plain(label), "value": value} for value, label in KINDS]
    element: Block = {"type": "static_select", "action_id": ids.KIND_BLOCK, "options": options}
    chosen = next((o for o in options if o["value"] == prefill.get(ids.KIND_BLOCK)), options[0])
    element["initial_option"] = chosen
    return element


def _text(
    block_id: str, label: str, prefill: Prefill, limit: int, *, hint: str, lines: bool = False
) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": block_id,
        "max_length": limit,
        "multiline": lines,
    }
    typed = prefill.get(block_id)
    if isinstance(typed, str) and typed:
        element["initial_value"] = typed[:limit]
    return input_block(block_id, label, element, optional=True, hint=hint)


def webhook_note(kr_ref: str) -> str:
    return (
        f"A webhook needs a token: run `okr-bot sources token {kr_ref}` where the bot runs. "
        f"It prints a new one once; then `POST /hooks/kr/{kr_ref}` with it."
    )


def _result(probe: SourceProbe) -> Block:
    if probe.value is not None and probe.ok:
        text = f"✅ Test: the source gives *{number(probe.value)}* now. Save to keep it."
    else:
        text = f"⚠️ Test failed: {escape(truncate(probe.error or 'no value', MAX_ERROR))}"
    return {"type": "context", "block_id": ids.RESULT_BLOCK, "elements": [mrkdwn(text)]}
