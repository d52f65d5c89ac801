from tests.api.conftest import validate  # noqa: F401  (shared fixture: a body against the OpenAPI schema)
