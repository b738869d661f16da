"""The simulated Slack Web API: every method the bot calls, with Slack's rules and limits."""
