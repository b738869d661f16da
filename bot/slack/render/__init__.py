"""Pure functions from service results to Block Kit: no I/O, no database."""
