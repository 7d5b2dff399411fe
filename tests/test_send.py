import io
from email import message_from_bytes, policy

import pypdf
import pytest

from briefgen import send
from briefgen.config import Email
from briefgen.models import BriefgenError
from briefgen.store import Store
from tests.servers import smtp_server

HTML = "<html><body><h1>Morning brief</h1><p>Flood wall vote</p></body></html>"
TEXT = "Morning brief\n1. Flood wall vote\n"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    from briefgen.render import render_pdf

    path = tmp_path_factory.mktemp("pdf") / "brief-2026-11-23.pdf"
    path.write_bytes(render_pdf("<h1>Morning brief</h1><p>Flood wall vote</p>"))
    return path


def email_config(port: int, **overrides) -> Email:
    return Email(**{"to": ("ana@example.org", "ben@example.org"), "sender": "briefgen@example.org",
                    "host": "127.0.0.1", "port": port, "security": "none", "retries": 2, "backoff": 5.0,
                    **overrides})


def deliver(email: Email, pdf, store, **options):
    return send.deliver(key="out/brief-2026-11-23", email=email, subject="Morning brief — 2026-11-23", html=HTML,
                        text=TEXT, pdf=pdf, store=store, **options)


def test_the_mail_arrives_with_text_html_and_the_pdf_and_a_rerun_sends_nothing(tmp_path, pdf):
    with smtp_server() as (mailbox, port), Store(tmp_path / "state") as store:
        result = deliver(email_config(port), pdf, store)
        assert result.sent == ("ana@example.org", "ben@example.org") and not result.failed
        assert len(mailbox.messages) == 2
        sender, rcpts, msg = mailbox.messages[0]
        assert sender == "briefgen@example.org" and rcpts == ["ana@example.org"]
        assert msg["To"] == "ana@example.org" and msg["Subject"] == "Morning brief — 2026-11-23"
        assert msg.get_content_type() == "multipart/mixed"
        assert [p.get_content_type() for p in msg.iter_parts()] == ["multipart/alternative", "application/pdf"]
        assert msg.get_body(("plain",)).get_content().replace("\r\n", "\n") == TEXT  # CRLF on the wire
        assert "Flood wall vote" in msg.get_body(("html",)).get_content()
        [attachment] = list(msg.iter_attachments())
        assert attachment.get_filename() == "brief-2026-11-23.pdf"
        data = attachment.get_content()
        assert data == pdf.read_bytes()
        assert "Flood wall vote" in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()

        again = deliver(email_config(port), pdf, store)
        assert again.sent == () and again.already == ("ana@example.org", "ben@example.org")
        assert len(mailbox.messages) == 2

        forced = deliver(email_config(port, to=("ana@example.org",)), pdf, store, force=True)
        assert forced.sent == ("ana@example.org",) and len(mailbox.messages) == 3


def test_a_new_recipient_on_rerun_gets_it_and_nobody_else_does(tmp_path, pdf):
    with smtp_server() as (mailbox, port), Store(tmp_path / "state") as store:
        deliver(email_config(port, to=("ana@example.org",)), pdf, store)
        result = deliver(email_config(port, to=("ana@example.org", "cy@example.org")), pdf, store)
        assert result.sent == ("cy@example.org",)
        assert [rcpts for _, rcpts, _ in mailbox.messages] == [["ana@example.org"], ["cy@example.org"]]


def test_temporary_failures_are_retried_with_backoff(tmp_path, pdf):
    waits = []
    with smtp_server() as (mailbox, port), Store(tmp_path / "state") as store:
        # ana deferred (451) while ben is still tried; a 421 closes the connection for everyone left
        mailbox.refuse = ["451 4.3.0 Try again later", "421 4.7.0 Busy", "421 4.7.0 Busy"]
        result = deliver(email_config(port), pdf, store, sleep=waits.append)
        assert result.sent == ("ana@example.org", "ben@example.org") and not result.failed
        assert waits == [5.0, 10.0]  # backoff, doubled
        assert [rcpts[0] for _, rcpts, _ in mailbox.messages] == ["ana@example.org", "ben@example.org"]
        assert store.delivered("out/brief-2026-11-23") == {"ana@example.org", "ben@example.org"}


def test_a_permanent_refusal_is_reported_and_not_recorded(tmp_path, pdf):
    with smtp_server() as (mailbox, port), Store(tmp_path / "state") as store:
        mailbox.refuse = ["550 5.1.1 No such user"]
        result = deliver(email_config(port), pdf, store, sleep=lambda s: None)
        assert result.sent == ("ben@example.org",)
        assert result.failed == (("ana@example.org", "550 5.1.1 No such user"),)
        assert store.delivered("out/brief-2026-11-23") == {"ben@example.org"}


def test_an_unreachable_server_fails_after_the_retries(tmp_path, pdf):
    from tests.servers import free_port

    waits = []
    with Store(tmp_path / "state") as store:
        result = deliver(email_config(free_port()), pdf, store, sleep=waits.append)
    assert result.sent == () and len(result.failed) == 2 and waits == [5.0, 10.0]
    assert "still failing after 3 attempts" in result.failed[0][1]


def test_dry_run_writes_what_each_recipient_gets_and_sends_nothing(tmp_path, pdf):
    with smtp_server() as (mailbox, port), Store(tmp_path / "state") as store:
        result = deliver(email_config(port), pdf, store, dry_run=tmp_path / "brief-2026-11-23.eml")
        assert mailbox.messages == [] and store.delivered("out/brief-2026-11-23") == set()
        real = deliver(email_config(port), pdf, store)
        assert real.sent == ("ana@example.org", "ben@example.org")
    assert result.eml == (tmp_path / "brief-2026-11-23.ana@example.org.eml",
                          tmp_path / "brief-2026-11-23.ben@example.org.eml")
    for eml, (_, rcpts, sent) in zip(result.eml, mailbox.messages):
        preview = message_from_bytes(eml.read_bytes(), policy=policy.default)
        assert preview["To"] == rcpts[0] == sent["To"]  # one recipient a message, as the real send
        for part in ("Subject", "From"):
            assert preview[part] == sent[part]
        assert [a.get_filename() for a in preview.iter_attachments()] == ["brief-2026-11-23.pdf"]
        for kind in ("plain", "html"):  # the wire has CRLF line ends
            body = preview.get_body((kind,)).get_content()
            assert body == sent.get_body((kind,)).get_content().replace("\r\n", "\n")


def test_credentials_come_only_from_the_environment(monkeypatch):
    email = Email(to=("a@example.org",), sender="b@example.org", username_env="BG_USER", password_env="BG_PASS")
    monkeypatch.delenv("BG_USER", raising=False)
    with pytest.raises(BriefgenError, match="BG_USER, BG_PASS is not set"):
        send.credentials(email)
    monkeypatch.setenv("BG_USER", "briefgen")
    monkeypatch.setenv("BG_PASS", "s3cret")
    assert send.credentials(email) == ("briefgen", "s3cret")
    assert send.credentials(Email(to=("a@example.org",), sender="b@example.org")) is None


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_and_login_with_credentials_from_the_environment(tmp_path, pdf, monkeypatch, security):
    import shutil
    import ssl

    from aiosmtpd.smtp import AuthResult, LoginPassword

    from tests.servers import self_signed_certificate

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = self_signed_certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", cert)  # the client trusts this certificate only through the default paths
    monkeypatch.setenv("BG_USER", "briefgen")
    monkeypatch.setenv("BG_PASS", "s3cret")
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"briefgen", b"s3cret")
        return AuthResult(success=ok)

    # aiosmtpd 1.4.6 does not count implicit TLS as TLS for auth_require_tls; STARTTLS does.
    options = ({"tls_context": server_tls, "require_starttls": True, "auth_require_tls": True}
               if security == "starttls" else {"ssl_context": server_tls, "auth_require_tls": False})
    with smtp_server(authenticator=authenticator, **options) as (mailbox, port):
        email = email_config(port, security=security, username_env="BG_USER", password_env="BG_PASS")
        result = deliver(email, pdf, None, sleep=lambda s: None)
    assert result.sent == ("ana@example.org", "ben@example.org")
    assert len(mailbox.messages) == 2
    assert logins == [(b"briefgen", b"s3cret")]


def test_an_untrusted_certificate_is_a_clear_permanent_failure(tmp_path, pdf):
    import shutil
    import ssl

    from tests.servers import self_signed_certificate

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(*self_signed_certificate(tmp_path))
    waits = []
    with smtp_server(tls_context=server_tls) as (mailbox, port):
        with pytest.raises(BriefgenError, match="TLS certificate not trusted"):
            deliver(email_config(port, security="starttls"), pdf, None, sleep=waits.append)
    assert mailbox.messages == [] and waits == []


def test_a_greylisted_recipient_delays_only_itself(tmp_path, pdf):
    """A real SMTP server greylisting ana (451 at RCPT for her first two tries): ben is mailed at once, ana on
    the second retry; each delivery is recorded once."""
    tries = {}

    async def handle_RCPT(server, session, envelope, address, options):
        tries[address] = tries.get(address, 0) + 1
        if address == "ana@example.org" and tries[address] <= 2:
            return "451 4.7.1 Greylisted, please try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    waits = []
    with smtp_server() as (mailbox, port), Store(tmp_path / "state") as store:
        mailbox.handle_RCPT = handle_RCPT
        result = deliver(email_config(port), pdf, store, sleep=waits.append)
        assert [rcpts for _, rcpts, _ in mailbox.messages] == [["ben@example.org"], ["ana@example.org"]]
        assert result.sent == ("ben@example.org", "ana@example.org") and not result.failed
        assert tries == {"ana@example.org": 3, "ben@example.org": 1}
        assert waits == [5.0, 10.0]
        assert store.delivered("out/brief-2026-11-23") == {"ana@example.org", "ben@example.org"}

        tries.clear()
        mailbox.messages.clear()
        stubborn = deliver(email_config(port, to=("ana@example.org", "cy@example.org"), retries=1), pdf, store,
                           sleep=waits.append)
        assert stubborn.sent == ("cy@example.org",) and stubborn.already == ("ana@example.org",)


def test_a_recipient_greylisted_for_ever_fails_alone_with_the_servers_reason(tmp_path, pdf):
    async def handle_RCPT(server, session, envelope, address, options):
        if address == "ana@example.org":
            return "451 4.7.1 Greylisted"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    with smtp_server() as (mailbox, port), Store(tmp_path / "state") as store:
        mailbox.handle_RCPT = handle_RCPT
        result = deliver(email_config(port, retries=1), pdf, store, sleep=lambda s: None)
        assert result.sent == ("ben@example.org",)
        [(who, reason)] = result.failed
        assert who == "ana@example.org" and reason.startswith("still failing after 2 attempts (")
        assert "451 4.7.1 Greylisted" in reason
