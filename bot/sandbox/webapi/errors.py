"""A refusal, answered the way Slack answers it: HTTP 200 with ok:false and an error code."""


class SlackRefusal(Exception):
    def __init__(self, error: str, details: list[str] | None = None, *, status: int = 200) -> None:
        super().__init__(error)
        self.error = error
        self.details = details or []
        self.status = status

    def body(self) -> dict[str, object]:
        body: dict[str, object] = {"ok": False, "error": self.error}
        if self.details:
            body["response_metadata"] = {"messages": [f"[ERROR] {d}" for d in self.details]}
        return body
