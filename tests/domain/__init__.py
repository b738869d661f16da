"""Tests for bot.domain."""
