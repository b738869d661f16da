"""files.getUploadURLExternal, the upload itself, and files.completeUploadExternal."""

from bot.sandbox.model import BOT_USER_ID, Json, Message, SharedFile
from bot.sandbox.webapi import limits
from bot.sandbox.webapi.args import Args, optional_text, text
from bot.sandbox.webapi.context import ApiContext, PendingUpload
from bot.sandbox.webapi.errors import SlackRefusal

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def upload_url(api: ApiContext, args: Args) -> Json:
    filename = text(args, "filename", error="missing_argument")
    length = str(args.get("length") or "")
    if not length.isdigit() or int(length) == 0:
        raise SlackRefusal("missing_argument", ["length must be the file's size in bytes, not 0"])
    alt_txt = optional_text(args, "alt_txt")
    if alt_txt is not None and len(alt_txt) > limits.ALT_TEXT_CHARS:
        raise SlackRefusal("alt_txt_too_large")
    file_id = api.workspace.next_id("F")
    api.pending_uploads[file_id] = PendingUpload(filename, int(length), alt_txt)
    return {"ok": True, "upload_url": api.upload_base_url + file_id, "file_id": file_id}


def receive(api: ApiContext, file_id: str, data: bytes) -> None:
    """The bytes posted to an upload URL; Slack answers a bad upload with an HTTP error."""
    upload = api.pending_uploads.get(file_id)
    if upload is None:
        raise SlackRefusal("file_not_found", status=404)
    if len(data) != upload.length:
        raise SlackRefusal(
            "length_mismatch", [f"got {len(data)} bytes, announced {upload.length}"], status=400
        )
    upload.data = data


def complete(api: ApiContext, args: Args) -> Json:
    entries = args.get("files")
    if not isinstance(entries, list) or not entries:
        raise SlackRefusal("invalid_arguments", ["files must be a JSON array of {id, title}"])
    channel_id = optional_text(args, "channel_id") or _first(optional_text(args, "channels"))
    thread_ts = optional_text(args, "thread_ts")
    workspace = api.workspace
    if thread_ts and not channel_id:
        raise SlackRefusal("invalid_arguments", ["thread_ts needs a channel_id"])
    if channel_id is not None:
        channel = workspace.channels.get(channel_id)
        if channel is None:
            raise SlackRefusal("channel_not_found")
        if BOT_USER_ID not in channel.members:
            raise SlackRefusal("not_in_channel")
        if thread_ts and workspace.find_message(channel_id, thread_ts) is None:
            raise SlackRefusal("invalid_arguments", [f"no message {thread_ts} to reply to"])
    shared = [_share(api, entry, channel_id) for entry in entries]
    if channel_id is not None:
        comment = optional_text(args, "initial_comment") or ""
        with workspace.change():
            message = Message(channel_id, workspace.next_ts(), BOT_USER_ID, comment)
            message.files, message.thread_ts = [f.id for f in shared], thread_ts
            workspace.messages.append(message)
    return {"ok": True, "files": [file_json(f) for f in shared]}


def file_json(shared: SharedFile) -> Json:
    return {
        "id": shared.id,
        "name": shared.name,
        "title": shared.title,
        "mimetype": shared.mimetype,
        "size": shared.size,
        "alt_txt": shared.alt_txt,
        "user": shared.user,
        "channels": [shared.channel] if shared.channel else [],
    }


def _share(api: ApiContext, entry: object, channel_id: str | None) -> SharedFile:
    file_id = str(entry.get("id")) if isinstance(entry, dict) else ""
    upload = api.pending_uploads.get(file_id)
    if upload is None or upload.data is None:
        raise SlackRefusal("file_not_found", [f"{file_id or 'a file'} was never uploaded"])
    title = str(entry.get("title") or upload.filename) if isinstance(entry, dict) else ""
    mimetype = "image/png" if upload.data.startswith(PNG_SIGNATURE) else _mimetype(upload.filename)
    shared = SharedFile(file_id, upload.filename, title, mimetype, len(upload.data), BOT_USER_ID)
    shared.alt_txt, shared.channel = upload.alt_txt, channel_id
    with api.workspace.change():
        api.workspace.files[file_id] = shared
        api.file_bytes[file_id] = upload.data
        del api.pending_uploads[file_id]
    return shared


def _mimetype(filename: str) -> str:
    for ending, kind in (
        (".yaml", "application/yaml"),
        (".csv", "text/csv"),
        (".txt", "text/plain"),
    ):
        if filename.lower().endswith(ending):
            return kind
    return "application/octet-stream"


def _first(channels: str | None) -> str | None:
    return channels.split(",")[0].strip() or None if channels else None
