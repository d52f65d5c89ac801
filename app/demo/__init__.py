"""A realistic demo call so a newcomer sees Minga working on first run."""
