"""Hypothesis settings for the mapping tests: no example database on disk, no deadlines.

Property tests stay fast (100 examples each by default); set HYPOTHESIS_PROFILE=thorough
to run 2,000 each.
"""
import os

from hypothesis import settings

settings.register_profile("mapping", database=None, deadline=None, max_examples=100)
settings.register_profile("thorough", database=None, deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "mapping"))
