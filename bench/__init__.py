"""Benchmarks: measured speed against the floor Slack's limits imply (not part of the tests)."""
