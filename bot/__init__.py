"""OKR Bot: weekly OKR check-ins, team digests and blameless retros in Slack."""
