"""Test doubles: a fake Slack Web API over real HTTP, a frozen clock, request signing."""
