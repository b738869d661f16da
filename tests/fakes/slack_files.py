"""The fake Slack's file uploads: an upload URL, the bytes posted to it, then the share."""

from dataclasses import dataclass
from typing import Any

Body = dict[str, Any]
# The bytes posted to an upload URL from files.getUploadURLExternal, recorded as this method.
FILE_UPLOAD = "file_upload"
ALT_TEXT_CHARS = 1_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class SharedFile:
    """A file whose upload was completed: its bytes, and where it was shared."""

    file_id: str
    filename: str
    title: str
    alt_text: str | None
    data: bytes
    channel_id: str | None
    thread_ts: str | None


@dataclass
class _Upload:
    filename: str
    length: int
    alt_text: str | None
    data: bytes | None = None


class FakeFiles:
    """Upload state; the FakeSlackApi calls it under its lock."""

    def __init__(self, upload_base_url: str) -> None:
        self._upload_base_url = upload_base_url
        self._uploads: dict[str, _Upload] = {}
        self.shared: list[SharedFile] = []

    def upload_url(self, body: Body, file_id: str) -> Body:
        """files.getUploadURLExternal"""
        length = str(body.get("length") or "")
        if not body.get("filename") or not length.isdigit() or int(length) == 0:
            return _error("missing_argument")  # Slack's answer to a zero length, too
        alt_text = body.get("alt_txt")
        if alt_text is not None and len(alt_text) > ALT_TEXT_CHARS:
            return _error("alt_txt_too_large")
        self._uploads[file_id] = _Upload(str(body["filename"]), int(length), alt_text)
        # Slack hands out a URL on another host; here it points back at the fake.
        return {"ok": True, "upload_url": self._upload_base_url + file_id, "file_id": file_id}

    def receive(self, body: Body) -> Body:
        """The POST of the file's bytes to its upload URL."""
        upload = self._uploads.get(body["file_id"])
        if upload is None:
            return _error("file_not_found")
        if len(body["data"]) != upload.length:
            return _error("length_mismatch")
        upload.data = body["data"]
        return {"ok": True}

    def complete(self, body: Body) -> Body:
        """files.completeUploadExternal: shares uploaded files, in a thread if asked."""
        files = body.get("files")
        if not isinstance(files, list) or not files:
            return _error("invalid_arguments")
        channel_id, thread_ts = body.get("channel_id") or None, body.get("thread_ts") or None
        if thread_ts and not channel_id:
            return _error("invalid_arguments")  # a thread needs its one channel
        done = []
        for entry in files:
            file_id = str(entry.get("id"))
            upload = self._uploads.get(file_id)
            if upload is None or upload.data is None:
                return _error("file_not_found")
            title = str(entry.get("title") or upload.filename)
            what = (file_id, upload.filename, title, upload.alt_text, upload.data)
            done.append(SharedFile(*what, channel_id, thread_ts))
        self.shared += done
        return {"ok": True, "files": [_file_object(shared) for shared in done]}


def _file_object(shared: SharedFile) -> Body:
    png = shared.data.startswith(PNG_SIGNATURE)
    file: Body = {"id": shared.file_id, "name": shared.filename, "title": shared.title}
    file |= {"mimetype": "image/png" if png else "application/octet-stream"}
    file |= {"size": len(shared.data), "alt_txt": shared.alt_text}
    return file | {"channels": [shared.channel_id] if shared.channel_id else []}


def _error(code: str) -> Body:
    return {"ok": False, "error": code}
