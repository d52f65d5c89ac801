"""The framework ceiling: a bare Flask endpoint served under the same gunicorn settings."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello"
