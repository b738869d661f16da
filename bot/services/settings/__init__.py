"""Workspace and team settings, cycles and bot admins, and their rules."""
