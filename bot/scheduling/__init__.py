"""APScheduler wiring: one in-memory tick; the database decides what is due."""
