"""Benchmarks (`make bench`) and the synthetic datasets they and the tests use."""
