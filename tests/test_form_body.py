"""Plain form bodies read by app/form_body.py give what werkzeug's parser gives."""

import pytest
from flask.wrappers import Request
from flask.testing import EnvironBuilder

from app.form_body import FormBodyRequest


@pytest.mark.parametrize("body", [
    b"csrf_token=abc.def-ghi&next=%2Fcalls%2Fnap%2Fproposals%2F",
    b"a=1&b=&c=%C3%A9t%C3%A9&a=2&d=x+y", b"only", b"%FF=%FE&ok=s%ED", b"\xff\xfe=1", b"",
])
@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded",
                                          "application/x-www-form-urlencoded; charset=UTF-8"])
def test_the_form_is_werkzeugs(app, body, content_type):
    def form_of(request_class):
        environ = EnvironBuilder(method="POST", data=body, content_type=content_type,
                                 app=app).get_environ()
        with app.request_context(environ):
            request = request_class(environ)
            return request.form.to_dict(flat=False), request.files.to_dict(), request.stream

    ours, theirs = form_of(FormBodyRequest), form_of(Request)
    assert ours[:2] == theirs[:2]
    assert ours[2].read() == b""  # the body was read, as werkzeug leaves it


def test_a_body_over_the_size_limit_is_still_refused(client):
    response = client.post("/accounts/login", data={"email": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
