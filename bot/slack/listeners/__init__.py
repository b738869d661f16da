"""Thin Slack listeners grouped by surface; `register_all` wires them onto a Bolt app."""

from slack_bolt import App

from bot.services.registry import Services
from bot.slack.listeners import (
    actions,
    away,
    choices,
    commands,
    drafting,
    errors,
    events,
    hypotheses,
    prefs,
    retros,
    settings,
    source_test,
    submissions,
)
from bot.slack.listeners.after_ack import AfterAck

# What the manifest must declare, and nothing more; a test holds the two together.
COMMANDS = commands.COMMANDS
EVENTS = events.EVENTS
OPTIONS = choices.OPTIONS


def register_all(
    app: App, services: Services, signing_secret: str | None, after_ack: AfterAck
) -> None:
    errors.register(app, signing_secret)
    commands.register(app, services, after_ack)
    actions.register(app, services, after_ack)
    submissions.register(app, services, after_ack)
    away.register(app, services, after_ack)
    prefs.register(app, services, after_ack)
    events.register(app, services, after_ack)
    drafting.register(app, services)
    source_test.register(app, services)
    retros.register(app, services)
    hypotheses.register(app, services)
    settings.register(app, services)
    choices.register(app, services)
