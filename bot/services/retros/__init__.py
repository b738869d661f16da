"""Retros: asking for them, the answers, and the retro digest."""
