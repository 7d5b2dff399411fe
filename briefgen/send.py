"""Mail a brief: HTML body, plain-text alternative, PDF attached; one copy per recipient, each delivery recorded
once."""

from __future__ import annotations

import datetime as dt
import logging
import os
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from briefgen.config import Email
from briefgen.models import BriefgenError

log = logging.getLogger(__name__)

SMTP_TIMEOUT = 60  # seconds per SMTP command; a PDF of a few MB goes in well under that


@dataclass(frozen=True, slots=True)
class Delivery:
    sent: tuple[str, ...] = ()
    already: tuple[str, ...] = ()  # recorded earlier for this brief: not mailed again unless forced
    failed: tuple[tuple[str, str], ...] = ()  # (recipient, reason)
    eml: tuple[Path, ...] = ()  # the dry run's message files, one per recipient


def reply(code: int, text: bytes | str) -> str:
    return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"


class TemporaryFailure(Exception):
    """The server or network may accept later (4xx reply, dropped connection, timeout): worth a retry."""


class ConnectionLost(TemporaryFailure):
    """The connection itself failed: the other recipients must wait for the next attempt too."""


def message(*, subject: str, sender: str, to: str, html: str, text: str, pdf: Path | None) -> EmailMessage:
    """multipart/mixed: (text/plain | text/html) alternative, then the PDF."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    if pdf is not None:
        msg.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf", filename=pdf.name)
    return msg


def credentials(email: Email) -> tuple[str, str] | None:
    """User and password from the environment variables the config names; None when no login is configured."""
    if not email.username_env:
        return None
    missing = [v for v in (email.username_env, email.password_env) if v and v not in os.environ]
    if missing:
        raise BriefgenError(f"email: environment variable {', '.join(missing)} is not set (SMTP credentials)")
    return os.environ[email.username_env], os.environ.get(email.password_env, "") if email.password_env else ""


def connect(email: Email) -> smtplib.SMTP:
    login = credentials(email)
    try:
        if email.security == "ssl":
            smtp = smtplib.SMTP_SSL(email.host, email.port, timeout=SMTP_TIMEOUT,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(email.host, email.port, timeout=SMTP_TIMEOUT)
            if email.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
        if login:
            smtp.login(*login)
        return smtp
    except smtplib.SMTPAuthenticationError as e:
        raise BriefgenError(f"email: {email.host}:{email.port} refused the login ({e.smtp_code})") from None
    except smtplib.SMTPNotSupportedError as e:
        raise BriefgenError(f"email: {email.host}:{email.port}: {e}") from None
    except ssl.SSLCertVerificationError as e:
        raise BriefgenError(f"email: {email.host}:{email.port}: TLS certificate not trusted "
                            f"({e.verify_message})") from None
    except smtplib.SMTPResponseException as e:  # SMTPException is an OSError: the order of these matters
        if 400 <= e.smtp_code < 500:
            raise TemporaryFailure(f"{email.host}: {reply(e.smtp_code, e.smtp_error)}") from None
        raise BriefgenError(f"email: {email.host}:{email.port}: {reply(e.smtp_code, e.smtp_error)}") from None
    except OSError as e:  # refused, reset, timed out, disconnected: the network may be back in a minute
        raise TemporaryFailure(f"cannot reach {email.host}:{email.port} ({e})") from None


def send_one(smtp: smtplib.SMTP, msg: EmailMessage, sender: str, recipient: str) -> None:
    """Raises TemporaryFailure (retry) or BriefgenError (this recipient is refused for good)."""
    try:
        smtp.send_message(msg, from_addr=sender, to_addrs=[recipient])
    except smtplib.SMTPRecipientsRefused as e:
        code, text = e.recipients[recipient]
        if 400 <= code < 500:
            raise TemporaryFailure(f"{recipient}: {reply(code, text)}") from None
        raise BriefgenError(reply(code, text)) from None
    except smtplib.SMTPResponseException as e:
        if e.smtp_code == 421:  # the server is closing the connection: nobody else can be sent on it
            raise ConnectionLost(reply(e.smtp_code, e.smtp_error)) from None
        if 400 <= e.smtp_code < 500:
            raise TemporaryFailure(reply(e.smtp_code, e.smtp_error)) from None
        raise BriefgenError(reply(e.smtp_code, e.smtp_error)) from None
    except (TimeoutError, smtplib.SMTPServerDisconnected, OSError) as e:
        raise ConnectionLost(f"connection lost ({e})") from None


def deliver(*, key: str, email: Email, subject: str, html: str, text: str, pdf: Path | None, store=None,
            force: bool = False, dry_run: Path | None = None,
            sleep: Callable[[float], None] = time.sleep) -> Delivery:
    """Mail the brief `key` to every recipient not yet recorded for it (all of them with `force`).

    Temporary failures are retried with exponential backoff; each success is recorded at once, so a run killed
    half-way through resumes where it stopped. `dry_run`: write that .eml file instead and record nothing."""
    recipients = list(dict.fromkeys(r.strip() for r in email.to if r.strip()))
    done = set() if force or store is None else store.delivered(key)
    already = tuple(r for r in recipients if r.lower() in done)
    pending = [r for r in recipients if r.lower() not in done]
    if dry_run is not None:  # exactly what each recipient would get, one file each
        from briefgen.render import write_atomic

        files = []
        for recipient in recipients:
            msg = message(subject=subject, sender=email.sender, to=recipient, html=html, text=text, pdf=pdf)
            files.append(dry_run.with_name(f"{dry_run.stem}.{recipient}.eml"))
            write_atomic(files[-1], msg.as_bytes())
        log.info("send: dry run, wrote %d messages beside %s (would mail %d of %d recipients)", len(files),
                 dry_run.stem, len(pending), len(recipients))
        return Delivery(already=already, eml=tuple(files))
    if already:
        log.info("send: %s already mailed to %s; not again (use --force to resend)", key, ", ".join(already))
    sent, failed, waiting = [], [], {}  # waiting: recipient → the last temporary reason (greylisting, 4xx)
    for attempt in range(email.retries + 1):
        if not pending:
            break
        if attempt:
            delay = email.backoff * 2 ** (attempt - 1)
            log.warning("send: retry %d of %d for %s in %.0f s", attempt, email.retries, ", ".join(pending), delay)
            sleep(delay)
        try:
            smtp = connect(email)
        except TemporaryFailure as e:
            waiting.update((r, str(e)) for r in pending)
            log.warning("send: %s", e)
            continue
        try:
            for recipient in list(pending):  # each recipient on its own: one greylisted address delays only itself
                msg = message(subject=subject, sender=email.sender, to=recipient, html=html, text=text, pdf=pdf)
                try:
                    send_one(smtp, msg, email.sender, recipient)
                except ConnectionLost:
                    raise
                except TemporaryFailure as e:
                    waiting[recipient] = str(e)
                    log.warning("send: %s deferred: %s", recipient, e)
                    continue
                except BriefgenError as e:
                    failed.append((recipient, str(e)))
                    pending.remove(recipient)
                    log.error("send: %s refused: %s", recipient, e)
                    continue
                pending.remove(recipient)
                sent.append(recipient)
                if store is not None:
                    sent_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
                    store.record_delivery(key, recipient, sent_at, msg["Message-ID"])
                log.info("send: mailed %s to %s", key, recipient)
        except ConnectionLost as e:
            waiting.update((r, str(e)) for r in pending)
            log.warning("send: %s", e)
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
    for recipient in pending:
        reason = f"still failing after {email.retries + 1} attempts ({waiting.get(recipient, 'no answer')})"
        failed.append((recipient, reason))
        log.error("send: %s not mailed: %s", recipient, reason)
    return Delivery(sent=tuple(sent), already=already, failed=tuple(failed))
