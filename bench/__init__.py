"""Benchmarks run by hand (see README, Development); not part of the test suite."""
