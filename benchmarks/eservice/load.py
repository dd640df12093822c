"""Open-loop load for bench_eservice: submissions sent on a fixed schedule (N a second), each
on its own connection (gunicorn's sync workers close every connection), whatever the server's
pace — latency counts from the moment a submission was due to leave, so a slow server shows as
a long tail instead of a slower sender ("coordinated omission").

Some submissions are sent twice at the same moment with the same client token (a double click
or a retry): both answers must name the same tracking code.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

BOUNDARY = "govflexbenchboundary"
PDF = b"%PDF-1.4\n" + b"0" * 20_000 + b"\n%%EOF\n"  # a 20 kB document


@dataclass
class Session:
    """What a browser would hold after opening the form: the CSRF cookie and form token."""

    port: int
    path: str
    cookie: str
    csrf: str
    notice_version: str


@dataclass
class Outcome:
    token: str
    status: int
    code: str  # the tracking code named in the redirect ("" if none)
    latency: float  # seconds from the scheduled send to the full answer
    error: str = ""


@dataclass
class Burst:
    outcomes: list[Outcome] = field(default_factory=list)
    duplicated_tokens: set[str] = field(default_factory=set)
    seconds: float = 0.0
    send_lag_max: float = 0.0  # how far the sender itself fell behind its schedule


def _field(name: str, value: str) -> bytes:
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
    ).encode()


def body_for(session: Session, token: str, number: int, with_file: bool) -> bytes:
    parts = [
        _field("csrfmiddlewaretoken", session.csrf),
        _field("client_token", token),
        _field("notice_version", session.notice_version),
        _field("applicant_name", f"ผู้ทดสอบภาระ {number}"),
        _field("applicant_email", f"load{number}@example.com"),
        _field("q-subject", "ทดสอบการรับคำขอจำนวนมาก"),
        _field("q-details", f"คำขอที่ {number} จากการทดสอบภาระของระบบ"),
        _field("privacy", "yes"),
        _field("website", ""),
    ]
    if with_file:
        parts.append(
            (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files";'
                f' filename="doc{number}.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
            ).encode()
            + PDF
            + b"\r\n"
        )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


async def _exchange(port: int, raw: bytes, timeout: float) -> tuple[int, dict[str, str]]:
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        writer.write(raw)
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        await asyncio.wait_for(reader.read(), timeout)  # the rest, until the server closes
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    return status, headers


def _code_from(location: str) -> str:
    query = parse_qs(urlsplit(location).query)
    return unquote(query.get("code", [""])[0]).replace("-", "")


async def _submit(
    session: Session, token: str, number: int, due: float, with_file: bool, timeout: float
) -> Outcome:
    body = body_for(session, token, number, with_file)
    raw = (
        f"POST {session.path} HTTP/1.1\r\nHost: 127.0.0.1:{session.port}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(body)}\r\nCookie: {session.cookie}\r\n"
        "Accept-Language: th\r\nConnection: close\r\n\r\n"
    ).encode() + body
    try:
        status, headers = await _exchange(session.port, raw, timeout)
    except (OSError, TimeoutError, asyncio.IncompleteReadError) as exc:
        return Outcome(token, 0, "", time.monotonic() - due, type(exc).__name__)
    code = _code_from(headers.get("location", "")) if status == 302 else ""
    return Outcome(token, status, code, time.monotonic() - due)


async def _burst(
    session: Session, rate: int, seconds: int, duplicate_every: int, timeout: float
) -> Burst:
    result = Burst()
    tasks: list[asyncio.Task[Outcome]] = []
    started = time.monotonic()
    total = rate * seconds
    for number in range(total):
        due = started + number / rate
        lag = time.monotonic() - due
        if lag < 0:
            await asyncio.sleep(-lag)
        else:
            result.send_lag_max = max(result.send_lag_max, lag)
        token = str(uuid.uuid4())
        with_file = number % 2 == 0
        copies = 2 if duplicate_every and number % duplicate_every == 0 else 1
        if copies == 2:
            result.duplicated_tokens.add(token)
        tasks.extend(
            asyncio.create_task(_submit(session, token, number, due, with_file, timeout))
            for _ in range(copies)
        )
    result.outcomes = list(await asyncio.gather(*tasks))
    result.seconds = time.monotonic() - started
    return result


def run_burst(
    session: Session, *, rate: int, seconds: int, duplicate_every: int = 20, timeout: float = 180
) -> Burst:
    return asyncio.run(_burst(session, rate, seconds, duplicate_every, timeout))


def open_form(port: int, path: str) -> Session:
    """GET the form once, as a browser would, for the CSRF cookie and token."""

    async def get() -> Session:
        raw = (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ).encode()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(raw)
        await writer.drain()
        data = await reader.read()
        writer.close()
        text = data.decode("utf-8", "replace")
        cookie = re.search(r"Set-Cookie: (csrftoken=[^;]+)", text, re.IGNORECASE)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        notice = re.search(r'name="notice_version" value="(\d+)"', text)
        if not (cookie and csrf and notice):
            raise RuntimeError(f"could not open the form at {path}: {text[:300]}")
        return Session(port, path, cookie.group(1), csrf.group(1), notice.group(1))

    return asyncio.run(get())
