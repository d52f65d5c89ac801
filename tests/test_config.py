import pytest

from app import create_app
from config import DEFAULT_SECRET_KEY, ProductionConfig


def test_production_refuses_the_default_secret(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", DEFAULT_SECRET_KEY)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "a-real-secret-from-the-environment")
    monkeypatch.setattr(ProductionConfig, "SQLALCHEMY_DATABASE_URI",
                        f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    app = create_app(ProductionConfig)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    response = app.test_client().get("/privacy")
    assert "max-age" in response.headers["Strict-Transport-Security"]


def test_defaults_are_chilean(app):
    assert app.config["MINGA_TIMEZONE"] == "America/Santiago"
    assert app.config["MINGA_DEFAULT_LOCALE"] == "es"
    assert len(app.config["MINGA_REGIONS"]) == 16
