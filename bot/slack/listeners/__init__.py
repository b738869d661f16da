"""Slack listeners, one module per capability; `register_all` wires them onto a Bolt app."""

from slack_bolt import App

from bot.services.registry import Services
from bot.slack.listeners import (
    authoring,
    away,
    checkins,
    choices,
    errors,
    home,
    hypotheses,
    prefs,
    profiles,
    retros,
    settings,
    sources,
)
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.commands import router

# What the manifest must declare, and nothing more; a test holds the two together.
COMMANDS = router.COMMANDS
EVENTS = home.EVENTS + profiles.EVENTS
OPTIONS = choices.OPTIONS


def register_all(
    app: App, services: Services, signing_secret: str | None, after_ack: AfterAck
) -> None:
    errors.register(app, signing_secret)
    router.register(app, services, after_ack)
    checkins.register(app, services, after_ack)
    away.register(app, services, after_ack)
    prefs.register(app, services, after_ack)
    home.register(app, services, after_ack)
    profiles.register(app, services, after_ack)
    authoring.register(app, services)
    sources.register(app, services)
    retros.register(app, services, after_ack)
    hypotheses.register(app, services)
    settings.register(app, services)
    choices.register(app, services)
