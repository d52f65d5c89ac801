"""Mail through a real SMTP server (aiosmtpd on loopback) and through the file outbox."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from app.core.mail import deliver, send_mail
from tests.conftest import PASSWORD

FORM = {"name": "Ana", "email": "ana@example.org", "password": PASSWORD,
        "sector": "academia", "region": "Maule", "accept_privacy": "y"}


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and \
        (auth_data.login, auth_data.password) == (b"minga", b"s3cret")
    return AuthResult(success=ok)


@pytest.fixture
def smtp_server(app):
    handler = Collector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port,
                            authenticator=authenticator, auth_require_tls=False)
    controller.start()
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=port,
                      MAIL_USE_STARTTLS=False, MAIL_USERNAME="minga", MAIL_PASSWORD="s3cret")
    yield handler
    controller.stop()


def test_smtp_backend_delivers_to_a_real_server(app, smtp_server):
    assert deliver("ana@example.org", "Hola", "Cuerpo del mensaje") is None
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["ana@example.org"]
    assert b"Subject: Hola" in envelope.content
    assert b"Cuerpo del mensaje" in envelope.content


def test_smtp_backend_logs_in_with_the_configured_credentials(app, smtp_server):
    app.config["MAIL_PASSWORD"] = "wrong"
    assert deliver("ana@example.org", "Hola", "x") is not None
    assert smtp_server.messages == []


def test_registration_mail_arrives_through_smtp(client, smtp_server):
    client.post("/accounts/register", data=FORM)
    [envelope] = smtp_server.messages
    assert b"/accounts/verify/" in envelope.content


def test_registration_survives_a_mail_server_that_is_down(app, client, db, caplog):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(),
                      MAIL_USE_STARTTLS=False, MAIL_TIMEOUT=2)
    response = client.post("/accounts/register", data=FORM)
    assert response.status_code == 302
    from app.accounts.models import User
    assert db.session.scalar(db.select(User)).email == "ana@example.org"
    assert "mail not sent" in caplog.text
    assert "ana@example.org" not in caplog.text  # no personal data in logs


def test_file_backend_writes_an_eml_and_logs_only_the_path(app, outbox, caplog):
    caplog.set_level("INFO", logger="app.core.mail")
    send_mail("ana@example.org", "Hola", "Cuerpo")
    [message] = outbox()
    assert message["To"] == "ana@example.org" and message["Subject"] == "Hola"
    assert "mail written to" in caplog.text
    assert "ana@example.org" not in caplog.text


def test_mail_goes_out_in_the_recipients_language(client, outbox):
    client.post("/accounts/locale", data={"locale": "en", "next": "/"})
    client.post("/accounts/register", data=FORM)
    assert outbox()[-1]["Subject"] == "Confirm your email address"
    other = client.application.test_client()
    other.post("/accounts/register", data=dict(FORM, email="beto@example.org"))
    assert outbox()[-1]["Subject"] == "Confirma tu correo electrónico"


@pytest.fixture
def tls_smtp_server(app, tmp_path):
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(),
                            tls_context=context, require_starttls=True)
    controller.start()
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port,
                      MAIL_USE_STARTTLS=True, MAIL_USERNAME=None, MAIL_CA_FILE=None)
    yield handler, cert
    controller.stop()


def test_starttls_checks_the_server_certificate(app, tls_smtp_server, caplog):
    handler, cert = tls_smtp_server
    # A certificate no trusted authority signed: refused, nothing sent in the clear.
    assert deliver("ana@example.org", "Hola", "secreto") is not None
    assert "SSL" in caplog.text or "Certificate" in caplog.text
    app.config["MAIL_CA_FILE"] = str(cert)
    assert deliver("ana@example.org", "Hola", "secreto") is None
    assert len(handler.messages) == 1
