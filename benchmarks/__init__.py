"""Throughput benchmarks for kizashi (not part of the installed package)."""
