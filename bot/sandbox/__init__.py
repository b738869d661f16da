"""`okr-bot sandbox`: the real bot against a simulated Slack workspace shown in a local page."""
