import pytest

from tests.core.test_mail import free_port


def test_healthz_answers_without_touching_anything(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_readyz_checks_the_database_and_the_queue(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok",
                                   "parts": {"database": "ok", "queue": "ok"}}


@pytest.mark.config(JOBS_IMMEDIATE=False)
def test_readyz_checks_the_real_queue_file(client, app):
    assert client.get("/readyz").get_json()["parts"]["queue"] == "ok"


def test_readyz_names_the_part_that_fails_and_never_its_address(app, client):
    secret_url = f"redis://:hunter2-secret@127.0.0.1:{free_port()}/0"
    app.config["SESSION_REDIS_URL"] = secret_url  # read by the probe only, not the sessions
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert response.get_json()["parts"]["redis"].startswith("unreachable (")
    assert response.get_json()["parts"]["database"] == "ok"
    assert "hunter2" not in body and "127.0.0.1" not in body


def test_readyz_with_the_real_redis(app, client):
    app.config["JOBS_REDIS_URL"] = "redis://127.0.0.1:6379/15"
    assert client.get("/readyz").get_json()["parts"]["redis"] == "ok"


def test_each_response_carries_a_request_id_and_keeps_a_proxys(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    kept = client.get("/healthz", headers={"X-Request-ID": "lb-1234abcd"})
    assert kept.headers["X-Request-ID"] == "lb-1234abcd"
    forged = client.get("/healthz", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert "<" not in forged.headers["X-Request-ID"]


def test_json_log_lines_carry_the_request_id(app):
    import json
    import logging

    from flask import g

    from app.core.logs import JsonLines, RequestId

    record = logging.LogRecord("app.x", logging.ERROR, __file__, 1, "mail %s not sent", (7,),
                               None)
    with app.test_request_context():
        g.request_id = "abc12345"
        RequestId().filter(record)
    line = json.loads(JsonLines().format(record))
    assert line["message"] == "mail 7 not sent" and line["request_id"] == "abc12345"
    assert line["level"] == "ERROR"
