"""OKR rules in pure Python: no I/O, no third-party imports."""
