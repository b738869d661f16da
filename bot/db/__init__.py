"""Persistence: the only package that imports SQLModel and SQLAlchemy."""
