"""The attacks of issue 14, each written as the attacker's steps, through real HTTP.

Where the database matters the tests run on SQLite and on PostgreSQL (tests/databases.py).
"""
