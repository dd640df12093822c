"""Load for bench_punches: ``wrk`` runs, the visibility probe (f) and the retry storm (e).

All of it runs on the same two cores as the server, its workers and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import random
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

# Each wrk connection sends unique idempotency keys; HR punches for a random staff member
# (terminal source, the server's clock). BENCH_PATH chooses the bare baseline endpoint.
WRK_SCRIPT = r"""
local counter = 0
local tag = ""
local token = os.getenv("BENCH_TOKEN") or ""
local first = tonumber(os.getenv("BENCH_STAFF_FIRST") or "100000")
local count = tonumber(os.getenv("BENCH_STAFF_COUNT") or "1000")
local run = os.getenv("BENCH_RUN") or "run"
local threads = {}
local next_id = 0

setup = function(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

init = function(args)
  tag = "bench-" .. run .. "-" .. tostring(tid)
  math.randomseed(tid * 7919)
  wrk.method = "POST"
  wrk.path = os.getenv("BENCH_PATH") or "/api/v1/punches"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

request = function()
  counter = counter + 1
  local staff = first + math.random(0, count - 1)
  local body = '{"idempotency_key":"' .. tag .. "-" .. counter ..
    '","staff_id":"' .. staff .. '","source":"terminal","at":"' ..
    os.date("!%Y-%m-%dT%H:%M:%SZ") .. '"}'
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("WRK %d %d %d %d %d %d %d %.3f %.3f %.3f\n",
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.mean / 1000))
end
"""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    bad_status: int
    socket_errors: int
    timeouts: int
    p50_ms: float
    p99_ms: float
    mean_ms: float

    @property
    def rate(self) -> float:
        return (self.requests - self.bad_status) / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (
            f"{self.rate:,.0f}/s ok, p50 {self.p50_ms:.1f} ms, p99 {self.p99_ms:.1f} ms"
            f" ({self.requests:,} requests in {self.seconds:.0f} s; non-2xx {self.bad_status},"
            f" socket errors {self.socket_errors}, timeouts {self.timeouts})"
        )


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk_run(
    *,
    port: int,
    seconds: int,
    connections: int,
    token: str,
    staff_first: int,
    staff_count: int,
    run: str,
    path: str = "/api/v1/punches",
) -> WrkResult:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(WRK_SCRIPT)
        script = handle.name
    env = {
        **os.environ,
        "BENCH_TOKEN": token,
        "BENCH_STAFF_FIRST": str(staff_first),
        "BENCH_STAFF_COUNT": str(staff_count),
        "BENCH_RUN": run,
        "BENCH_PATH": path,
    }
    try:
        done = subprocess.run(  # noqa: S603 - wrk against our own server
            [
                shutil.which("wrk") or "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script,
                f"http://127.0.0.1:{port}{path}",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
    finally:
        Path(script).unlink(missing_ok=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRK "))
    parts = line.split()
    requests, micros, status, connect, read, write, timeout = (int(x) for x in parts[1:8])
    p50, p99, mean = (float(x) for x in parts[8:11])
    return WrkResult(
        requests, micros / 1e6, status, connect + read + write, timeout, p50, p99, mean
    )


# ------------------------------------------------------------------ (f) visibility probe


@dataclass
class Probe:
    """Punches for reserved people while wrk runs; each is timed until its day result shows."""

    port: int
    token: str
    people: list[tuple[str, int]]  # (staff ID, person pk), each punched once
    today: date
    every: float = 0.25
    limit: float = 60.0  # give up on one punch after this long (bounded)
    latencies: list[float] = field(default_factory=list)
    unseen: int = 0
    errors: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _watchers: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _request(
        self, connection: http.client.HTTPConnection, method: str, path: str, body: str = ""
    ) -> tuple[int, bytes]:
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()

    def _sender(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        for number, (staff_id, pk) in enumerate(self.people):
            if self._stop.wait(self.every):
                break
            body = json.dumps(
                {
                    "idempotency_key": f"probe-{number:08d}",
                    "staff_id": staff_id,
                    "source": "terminal",
                }
            )
            try:
                status, _body = self._request(connection, "POST", "/api/v1/punches", body)
            except (OSError, http.client.HTTPException):
                connection.close()
                self.errors += 1
                continue
            acked = time.monotonic()
            if status in {200, 201}:
                # Each punch is watched on its own connection, so polls do not queue up.
                watcher = threading.Thread(target=self._watch, args=(pk, acked), daemon=True)
                watcher.start()
                self._watchers.append(watcher)
            else:
                self.errors += 1
        connection.close()

    def _watch(self, pk: int, acked: float) -> None:
        """Poll one punch's day result on its own connection until it shows (bounded)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        day = self.today.isoformat()
        path = f"/api/v1/day-results?person={pk}&from={day}&to={day}"
        try:
            while time.monotonic() - acked <= self.limit:
                try:
                    status, body = self._request(connection, "GET", path)
                except (OSError, http.client.HTTPException):
                    connection.close()
                    continue
                if status == 200 and json.loads(body).get("count", 0) > 0:
                    with self._lock:
                        self.latencies.append(time.monotonic() - acked)
                    return
                time.sleep(0.05)
            with self._lock:
                self.unseen += 1
        finally:
            connection.close()

    def start(self) -> None:
        self._sender_thread = threading.Thread(target=self._sender, daemon=True)
        self._sender_thread.start()

    def stop(self) -> None:
        """Stop sending; wait (bounded by ``limit``) for the sent punches to show."""
        self._stop.set()
        self._sender_thread.join(timeout=40)
        for watcher in list(self._watchers):
            watcher.join(timeout=self.limit + 40)


# ------------------------------------------------------------------ (e) retry storm


@dataclass
class StormResult:
    keys: int = 0
    acknowledged: set[str] = field(default_factory=set)
    created: int = 0
    replayed: int = 0
    cut_requests: int = 0
    cut_responses: int = 0
    errors: int = 0
    other_status: dict[int, int] = field(default_factory=dict)


def _raw_request(body: bytes, token: str, port: int) -> bytes:
    return (
        f"POST /api/v1/punches HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body


async def _send(port: int, payload: bytes, cut: str) -> int | None:
    """One delivery; ``cut`` is "" (whole), "request" (half sent) or "response" (not read)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        if cut == "request":
            writer.write(payload[: len(payload) - 20])
            await writer.drain()
            return None
        writer.write(payload)
        await writer.drain()
        if cut == "response":
            return None
        status_line = await asyncio.wait_for(reader.readline(), timeout=30)
        await asyncio.wait_for(reader.read(), timeout=30)
        return int(status_line.split()[1])
    finally:
        writer.close()


async def _storm(
    port: int, token: str, staff: list[str], keys: int, concurrency: int, run: str
) -> StormResult:
    result = StormResult(keys=keys)
    rng = random.Random(20260401)
    gate = asyncio.Semaphore(concurrency)

    async def deliver(key: str, payload: bytes, cut: str) -> None:
        async with gate:
            try:
                status = await _send(port, payload, cut)
            except (OSError, TimeoutError, ValueError, IndexError):
                result.errors += 1
                return
        if status is None:
            if cut == "request":
                result.cut_requests += 1
            else:
                result.cut_responses += 1
        elif status in {200, 201}:
            result.acknowledged.add(key)
            if status == 201:
                result.created += 1
            else:
                result.replayed += 1
        else:
            result.other_status[status] = result.other_status.get(status, 0) + 1

    async def one(number: int) -> None:
        key = f"{run}-{number:08d}"
        # The punch's own time travels with it, so a late retry is the same punch.
        at = datetime.now(UTC).isoformat(timespec="seconds")  # noqa: TID251 - the client's clock
        body = json.dumps(
            {"idempotency_key": key, "staff_id": rng.choice(staff), "source": "terminal", "at": at}
        ).encode()
        payload = _raw_request(body, token, port)
        roll = rng.random()
        first_cut = "request" if roll < 0.15 else "response" if roll < 0.3 else ""
        # Every request twice, the copies racing each other on separate connections.
        await asyncio.gather(deliver(key, payload, first_cut), deliver(key, payload, ""))
        for _retry in range(3):  # a client retries (bounded) until it hears back
            if key in result.acknowledged:
                break
            await deliver(key, payload, "")

    tasks = [one(n) for n in range(keys)]
    for start in range(0, len(tasks), 500):
        await asyncio.gather(*tasks[start : start + 500])
    return result


def storm_run(
    *, port: int, token: str, staff: list[str], keys: int, concurrency: int, run: str
) -> StormResult:
    return asyncio.run(_storm(port, token, staff, keys, concurrency, run))
