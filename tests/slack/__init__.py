"""Tests for bot.slack."""
