"""A refusal, answered the way Slack answers it: HTTP 200 with ok:false and an error code."""


class SlackRefusal(Exception):
    def __init__(
        self,
        error: str,
        details: list[str] | None = None,
        *,
        status: int = 200,
        retry_after: int | None = None,  # seconds, sent as Retry-After with a 429
    ) -> None:
        super().__init__(error)
        self.error = error
        self.details = details or []
        self.status = status
        self.retry_after = retry_after

    def body(self) -> dict[str, object]:
        body: dict[str, object] = {"ok": False, "error": self.error}
        if self.details:
            body["response_metadata"] = {"messages": [f"[ERROR] {d}" for d in self.details]}
        return body
