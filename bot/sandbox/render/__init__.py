"""Block Kit and mrkdwn as HTML: what Slack would show, with every piece of text escaped."""
