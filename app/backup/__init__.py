"""Backup and restore of the whole database (`flask backup`, `flask restore`)."""
