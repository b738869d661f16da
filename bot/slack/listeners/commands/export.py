"""`/okr export [cycle NAME]`: the cycle's YAML (the import format) and CSV, in the caller's DM."""

import logging

from slack_sdk.errors import SlackApiError

from bot.domain.errors import DomainError
from bot.services.okr_file.export import ExportFiles
from bot.slack.forms.command_text import Word
from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.render.blocks import section
from bot.slack.render.text import escape

log = logging.getLogger(__name__)
USAGE = "/okr export [cycle NAME]"


def _export(call: Invocation) -> None:
    cycle = _cycle_name(call)
    # Building and uploading two files takes a while: say that it has begun.
    started = "📦 Exporting… the files will arrive in our direct messages."
    call.reply(started, [section(started)])
    files = call.services.exports.export(call.user_id, cycle)
    try:
        _upload(call, files)
    except SlackApiError as error:
        code = str(error.response.get("error") or "an error")
        log.warning("export upload for %s failed: %s", call.user_id, code)
        failed = f"⚠️ I could not send the export: Slack answered `{escape(code)}`. Try again."
        call.follow_up(failed, [section(failed)])
        return
    cycle_name = escape(files.cycle_name)
    done = (
        f"✅ Sent {cycle_name}: {files.key_results} key result(s) as YAML "
        "(edit and import it with `okr-bot import`) and as CSV."
    )
    call.follow_up(done, [section(done)])


def _cycle_name(call: Invocation) -> str | None:
    words = call.args
    if not words:
        return None
    first = call.tokens[0]
    if isinstance(first, Word) and first.text.lower() == "cycle" and len(words) > 1:
        return " ".join(words[1:])
    raise DomainError(f"Try `{USAGE}`, e.g. `/okr export` or `/okr export cycle 2026-Q4`.")


def _upload(call: Invocation, files: ExportFiles) -> None:
    """Both files in one share, in the caller's DM, through the listeners' paced client."""
    channel = call.client.conversations_open(users=call.user_id)["channel"]["id"]
    stem = f"okrs-{_safe(files.cycle_name)}"
    call.client.files_upload_v2(
        channel=channel,
        file_uploads=[
            {"content": files.yaml_text, "filename": f"{stem}.yaml", "title": f"{stem}.yaml"},
            {"content": files.csv_text, "filename": f"{stem}.csv", "title": f"{stem}.csv"},
        ],
        initial_comment=f"OKRs of {escape(files.cycle_name)}: the import file and a spreadsheet.",
    )


def _safe(name: str) -> str:
    """A cycle name fit for a file name: letters, digits, dots, dashes."""
    kept = "".join(c if c.isalnum() or c in ".-_" else "-" for c in name).strip("-.")
    return kept[:60] or "cycle"


SUBCOMMAND = Subcommand(
    "export",
    USAGE,
    "the current cycle as an import file (YAML) and a spreadsheet (CSV), in a DM",
    _export,
)
