"""Benchmarks against the stand-ins; run each as `python -m bench.<name>` (see README.md)."""
