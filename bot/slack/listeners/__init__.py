"""Thin Slack listeners grouped by surface; `register_all` wires them onto a Bolt app."""

from slack_bolt import App

from bot.services.registry import Services
from bot.slack.follow_ups import FollowUps
from bot.slack.listeners import (
    actions,
    away,
    commands,
    drafting,
    errors,
    events,
    hypotheses,
    retros,
    settings,
    submissions,
)

# What the manifest must declare, and nothing more; a test holds the two together.
COMMANDS = commands.COMMANDS
EVENTS = events.EVENTS


def register_all(app: App, services: Services, follow_ups: FollowUps) -> None:
    errors.register(app)
    commands.register(app, services)
    actions.register(app, services, follow_ups)
    submissions.register(app, services, follow_ups)
    away.register(app, services, follow_ups)
    events.register(app, services, follow_ups)
    drafting.register(app, services)
    retros.register(app, services)
    hypotheses.register(app, services)
    settings.register(app, services)
