"""A punch load that behaves like a terminal or a phone: each punch has its own client key and
its own time; a punch is sent until the server acknowledges it (201 created or 200 replay),
retrying the same body after a connection error, a 5xx or a 429, within a bounded window.

Only addresses on this machine (127.0.0.1); bounded in time and in count.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass
class LoadResult:
    sent: set[str] = field(default_factory=set)  # keys sent at least once
    acknowledged: set[str] = field(default_factory=set)  # keys answered 200/201
    created: int = 0
    replayed: int = 0
    retries: int = 0
    refused: Counter[int] = field(default_factory=Counter)  # 4xx other than 429: not retried
    failures: Counter[str] = field(default_factory=Counter)  # what made a client retry
    gave_up: set[str] = field(default_factory=set)  # never acknowledged within the window
    lock: threading.Lock = field(default_factory=threading.Lock)


class PunchLoad:
    """``threads`` clients send new punches for ``seconds``; each then finishes its last one."""

    def __init__(
        self,
        *,
        port: int,
        token: str,
        staff: list[str],
        run: str,
        threads: int = 12,
        seconds: float = 12.0,
        retry_for: float = 90.0,
    ) -> None:
        self.port, self.token, self.staff, self.run = port, token, staff, run
        self.threads, self.seconds, self.retry_for = threads, seconds, retry_for
        self.result = LoadResult()
        self._workers: list[threading.Thread] = []
        self.started = 0.0

    def _post(self, body: bytes) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            headers = {
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
                "Connection": "close",
            }
            connection.request("POST", "/api/v1/punches", body=body, headers=headers)
            answer = connection.getresponse()
            answer.read()
            return answer.status
        finally:
            connection.close()

    def _deliver(self, key: str, body: bytes) -> None:
        result = self.result
        deadline = time.monotonic() + self.retry_for
        pause = 0.05
        first = True
        while time.monotonic() < deadline:
            if not first:
                with result.lock:
                    result.retries += 1
                time.sleep(pause)
                pause = min(pause * 2, 1.0)
            first = False
            try:
                status = self._post(body)
            except (OSError, http.client.HTTPException) as exc:
                with result.lock:
                    result.failures[type(exc).__name__] += 1
                continue
            if status in {200, 201}:
                with result.lock:
                    result.acknowledged.add(key)
                    if status == 201:
                        result.created += 1
                    else:
                        result.replayed += 1
                return
            if status >= 500 or status == 429:
                with result.lock:
                    result.failures[f"HTTP {status}"] += 1
                continue
            with result.lock:
                result.refused[status] += 1
            return
        with result.lock:
            result.gave_up.add(key)

    def _client(self, number: int) -> None:
        sequence = 0
        while time.monotonic() - self.started < self.seconds:
            sequence += 1
            key = f"{self.run}-{number:02d}-{sequence:06d}"
            staff_id = self.staff[(number * 7919 + sequence) % len(self.staff)]
            at = datetime.now(UTC).isoformat(timespec="milliseconds")  # noqa: TID251 - client clock
            body = json.dumps(
                {"idempotency_key": key, "staff_id": staff_id, "source": "terminal", "at": at}
            ).encode()
            with self.result.lock:
                self.result.sent.add(key)
            self._deliver(key, body)

    def start(self) -> None:
        self.started = time.monotonic()
        for number in range(self.threads):
            worker = threading.Thread(target=self._client, args=(number,), daemon=True)
            worker.start()
            self._workers.append(worker)

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def join(self) -> LoadResult:
        for worker in self._workers:
            worker.join(timeout=self.seconds + self.retry_for + 60)
        return self.result
