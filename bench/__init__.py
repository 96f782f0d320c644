"""Benchmarks that print figures (`make bench`); speed is measured here, never in timed tests."""
