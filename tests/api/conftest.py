from tests.results.conftest import full_cycle  # noqa: F401  (shared fixture)
