"""Tests for bot.scheduling."""
