"""Flows: what the user set up, as records and as a portable JSON document."""
