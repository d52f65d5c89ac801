import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.results.conftest import full_cycle  # noqa: F401  (shared fixture)


@pytest.fixture
def validate(client):
    document = client.get("/api/v1/openapi.json").json
    registry = Registry().with_resource(
        "urn:minga-openapi", Resource.from_contents(document, default_specification=DRAFT202012))

    def check(body, schema_name):
        validator = Draft202012Validator(
            {"$ref": f"urn:minga-openapi#/components/schemas/{schema_name}"}, registry=registry)
        errors = sorted(validator.iter_errors(body), key=str)
        assert errors == [], [e.message for e in errors]

    return check
