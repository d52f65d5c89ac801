import pytest

from app import create_app
from config import DEFAULT_BASE_URL, DEFAULT_SECRET_KEY, ProductionConfig

SITE = "https://gobiernoabierto.example.cl"


def test_production_refuses_the_default_secret(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", DEFAULT_SECRET_KEY)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def _production(monkeypatch, tmp_path):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "a-real-secret-from-the-environment")
    monkeypatch.setattr(ProductionConfig, "MINGA_BASE_URL", SITE)
    monkeypatch.setattr(ProductionConfig, "TRUSTED_HOSTS", ["gobiernoabierto.example.cl"])
    monkeypatch.setattr(ProductionConfig, "SQLALCHEMY_DATABASE_URI",
                        f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    return create_app(ProductionConfig)


def test_production_refuses_to_start_without_its_public_address(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "a-real-secret-from-the-environment")
    monkeypatch.setattr(ProductionConfig, "MINGA_BASE_URL", DEFAULT_BASE_URL)
    with pytest.raises(RuntimeError, match="MINGA_BASE_URL"):
        create_app(ProductionConfig)


def test_production_answers_only_its_own_host(monkeypatch, tmp_path):
    client = _production(monkeypatch, tmp_path).test_client()
    assert client.get("/healthz", base_url=SITE).status_code == 200
    assert client.get("/healthz", base_url="https://evil.example").status_code == 400


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    app = _production(monkeypatch, tmp_path)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    response = app.test_client().get("/privacy", base_url=SITE)
    assert "max-age" in response.headers["Strict-Transport-Security"]


def test_defaults_are_chilean(app):
    assert app.config["MINGA_TIMEZONE"] == "America/Santiago"
    assert app.config["MINGA_DEFAULT_LOCALE"] == "es"
    assert len(app.config["MINGA_REGIONS"]) == 16
