"""A plain form's body (application/x-www-form-urlencoded) read without werkzeug's
form parser machinery.

For every POST werkzeug builds a parser object (reading three size limits from the
app's config), parses the Content-Type header and dispatches on it; Flask then checks
debug mode. For the two short fields of a vote that was 4 % of its instructions. The
body is read from `request.stream` as werkzeug reads it (so MAX_CONTENT_LENGTH still
answers 413) and decoded as its parser decodes it, an undecodable one giving an empty
form as there. Any other body (multipart, a charset parameter, data read before, debug
mode's helpful errors) goes the usual way.
"""

from urllib.parse import parse_qsl

from flask import current_app
from flask.wrappers import Request

URLENCODED = "application/x-www-form-urlencoded"


class FormBodyRequest(Request):
    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        if (self.environ.get("CONTENT_TYPE") != URLENCODED
                or getattr(self, "_cached_data", None) is not None or current_app.debug):
            super()._load_form_data()
            return
        stream = self.stream
        try:
            items = parse_qsl(stream.read().decode(), keep_blank_values=True,
                              errors="werkzeug.url_quote")
        except ValueError:  # werkzeug's parser is silent about a body it cannot decode
            items = []
        values = self.__dict__
        values["stream"] = stream
        values["form"] = self.parameter_storage_class(items)
        values["files"] = self.parameter_storage_class()
