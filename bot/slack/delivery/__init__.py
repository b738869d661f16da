"""Slack Web API calls out: the paced sender, posting, notifiers; rate limits live here."""
