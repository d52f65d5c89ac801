"""Shared infrastructure that is not about one request: clock, database, errors, mail, text."""
