"""Tests for bot.services."""
