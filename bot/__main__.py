"""Lets `python -m bot` behave like the `okr-bot` command."""

from bot.cli import main

raise SystemExit(main())
