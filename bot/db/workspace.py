"""The workspace's stored defaults: one row, id 1, created on first change."""

from sqlmodel import Session

from bot.db.models import WorkspaceSettings

WORKSPACE_ROW_ID = 1


def workspace_settings(session: Session) -> WorkspaceSettings:
    """The stored defaults; an unsaved row of Nones (all built-in) while none are stored."""
    return session.get(WorkspaceSettings, WORKSPACE_ROW_ID) or WorkspaceSettings(
        id=WORKSPACE_ROW_ID
    )


def editable_workspace_settings(session: Session) -> WorkspaceSettings:
    """The stored row, added to the session first if there is none yet."""
    row = session.get(WorkspaceSettings, WORKSPACE_ROW_ID)
    if row is None:
        row = WorkspaceSettings(id=WORKSPACE_ROW_ID)
        session.add(row)
    return row
