"""A bounded load client: a fixed number of threads, each with one keep-alive connection per server."""

import http.client
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Target:
    host: str
    port: int


@dataclass
class Timings:
    """Latencies in seconds per label, and the wall time of the whole run."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    wall: float = 0.0
    failures: list[str] = field(default_factory=list)


class Client:
    def __init__(self, targets: dict[str, Target], headers: dict[str, str]):
        self.targets = targets
        self.headers = headers
        self._connections: dict[str, http.client.HTTPConnection] = {}

    def get(self, label: str, path: str) -> tuple[int, bytes]:
        connection = self._connections.get(label)
        if connection is None:
            target = self.targets[label]
            connection = self._connections[label] = http.client.HTTPConnection(target.host, target.port, timeout=120)
        try:
            connection.request("GET", path, headers=self.headers)
            response = connection.getresponse()
            return response.status, response.read()
        except (http.client.HTTPException, OSError):
            connection.close()
            del self._connections[label]
            raise

    def close(self):
        for connection in self._connections.values():
            connection.close()


def run(jobs: list[tuple[str, str]], *, targets: dict[str, Target], headers: dict[str, str], concurrency: int = 4):
    """Send every (label, path) job once, `concurrency` at a time, in list order; time each per label."""
    timings = Timings()
    lock = threading.Lock()
    position = iter(range(len(jobs)))

    def worker():
        client = Client(targets, headers)
        try:
            while True:
                with lock:
                    index = next(position, None)
                if index is None:
                    return
                label, path = jobs[index]
                started = time.perf_counter()
                try:
                    status, _body = client.get(label, path)
                except (http.client.HTTPException, OSError) as error:
                    status = f"{type(error).__name__}"
                elapsed = time.perf_counter() - started
                with lock:
                    timings.latencies[label].append(elapsed)
                    if status != 200:
                        timings.failures.append(f"{label} {path}: {status}")
        finally:
            client.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings.wall = time.perf_counter() - started
    return timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
