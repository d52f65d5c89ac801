"""Where uploaded files live: the one place that knows. Files go under the instance folder
by default (MINGA_STORAGE_DIR); an object store replaces this module's three functions.

Keys are made here, never from a file's name, so nothing a person types becomes a path.
"""

import secrets
from pathlib import Path

from flask import current_app

KEY_LENGTH = 32


def _folder() -> Path:
    folder = Path(current_app.config["MINGA_STORAGE_DIR"])
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _path(key: str) -> Path:
    if len(key) != KEY_LENGTH or not key.isalnum():
        raise KeyError(key)
    return _folder() / key


def save(data: bytes) -> str:
    """Store `data`; return the key to read it back by."""
    key = secrets.token_hex(KEY_LENGTH // 2)
    path = _path(key)
    path.write_bytes(data)
    path.chmod(0o600)
    return key


def read(key: str) -> bytes:
    """:raises KeyError: when nothing is stored under `key`."""
    try:
        return _path(key).read_bytes()
    except FileNotFoundError as exc:
        raise KeyError(key) from exc


def delete(key: str) -> None:
    _path(key).unlink(missing_ok=True)
