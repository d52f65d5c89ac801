"""The database: engine settings, column types, what Alembic compares, every model."""
