"""OKR Bot's tests, mirroring the bot package."""
