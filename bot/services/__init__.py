"""Use cases: one public method is one transaction; results are plain dataclasses."""
