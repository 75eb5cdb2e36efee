"""`python -m bench` (`make bench EVENTS=N REQUESTS=M`): see docs/benchmarks.md.

Creates a scratch PostgreSQL database, generates EVENTS events with `generate_synthetic`, serves the app with
the production gunicorn command and the floor (`bench.floor`) with the same gunicorn settings, checks that both
return the same entries for every scenario, then measures them interleaved with a bounded load client.
Any non-200 answer fails the run. Prints a table and writes bench/results.json.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from bench import load, scenarios

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
HOST = "chronicle.bench"
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept": "application/json"}
CONCURRENCY = 4
EXPORT_REQUESTS_CAP = 50
# Rough rates measured on a busy 2-core machine (docs/benchmarks.md), for the wall time printed first.
EXPECTED_EVENTS_PER_S = 1_000
EXPECTED_SECONDS_PER_REQUEST = 3.0
EXPECTED_SECONDS_PER_EXPORT = 60.0


def main() -> int:
    events = int(os.environ.get("EVENTS", "1000000"))
    requests = int(os.environ.get("REQUESTS", "2000"))
    export_requests = min(requests, EXPORT_REQUESTS_CAP)
    server_url = os.environ.get("BENCH_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
    database = os.environ.get("BENCH_DATABASE", "chronicle_bench")
    database_url = f"{server_url}/{database}"
    requests_seconds = 8 * requests * 2 * EXPECTED_SECONDS_PER_REQUEST + export_requests * EXPECTED_SECONDS_PER_EXPORT
    expected = events / EXPECTED_EVENTS_PER_S + requests_seconds / CONCURRENCY
    print(f"bench: {events:,} events, {requests:,} requests per scenario", end="; ")
    print(f"expected wall time about {expected / 60:.0f} min", flush=True)
    started = time.perf_counter()
    environment = _production_environment(database_url)
    _recreate_database(server_url, database)
    servers = []
    try:
        _manage(environment, "migrate", "--noinput", "--verbosity", "0")
        import_started = time.perf_counter()
        _manage(environment, "generate_synthetic", "--events", str(events))
        import_rate = events / (time.perf_counter() - import_started)
        app_port, floor_port = _free_port(), _free_port()
        servers.append(_gunicorn(environment, "config.wsgi:application", app_port))
        servers.append(
            _gunicorn({**environment, "FLOOR_DATABASE_URL": database_url}, "bench.floor:application", floor_port)
        )
        targets = {"api": load.Target("127.0.0.1", app_port), "floor": load.Target("127.0.0.1", floor_port)}
        for label in targets:
            _wait_until_serving(targets[label])
        os.environ.update(environment)
        from bench import inprocess

        cases = scenarios.build(
            database_url, requests=requests, export_requests=export_requests, api_cursor=inprocess.api_cursor
        )
        _check_equal(cases, targets)
        results = _measure(cases, targets, servers[0], inprocess, database_url)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        if not os.environ.get("BENCH_KEEP_DATABASE"):
            _drop_database(server_url, database)
    results = {"events": events, "import_events_per_s": round(import_rate), **results}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    _print_table(results)
    print(f"bench: wall time {(time.perf_counter() - started) / 60:.1f} min; results in {RESULTS.relative_to(ROOT)}")
    return 1 if results["failures"] else 0


def _production_environment(database_url: str) -> dict:
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"}
    environment.update(
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        API_ANON_RATE="1000000/second",
        BIND_HOST="127.0.0.1",
        GUNICORN_MAX_REQUESTS="1000000",  # no recycling during the run: RSS growth is measured
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return environment


def _recreate_database(server_url: str, database: str) -> None:
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')


def _drop_database(server_url: str, database: str) -> None:
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _manage(environment: dict, *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, check=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _gunicorn(environment: dict, application: str, port: int) -> subprocess.Popen:
    """The production command (the Dockerfile's), on loopback."""
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", application]
    return subprocess.Popen(
        command, cwd=ROOT, env={**environment, "PORT": str(port)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _wait_until_serving(target: load.Target, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((target.host, target.port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"bench: nothing serves on port {target.port}")


def _check_equal(cases, targets) -> None:
    """The floor must answer with the API's entries, or its timings mean nothing."""
    client = load.Client(targets, HEADERS)
    for case in cases:
        for api_path, floor_path in list(zip(case.api, case.floor, strict=False))[:5]:
            api_status, api_body = client.get("api", api_path)
            floor_status, floor_body = client.get("floor", floor_path)
            if api_status != 200 or floor_status != 200:
                raise SystemExit(f"bench: {case.name}: status {api_status} / {floor_status} for {api_path}")
            api_json, floor_results = json.loads(api_body), json.loads(floor_body)["results"]
            api_results = api_json.get("results", [api_json])  # a detail: one entry
            floor_results = floor_results if isinstance(floor_results, list) else [floor_results]
            if api_results != floor_results:
                _explain_difference(case.name, api_path, api_results, floor_results)
    client.close()


def _explain_difference(name, path, api_results, floor_results) -> None:
    for index, (api_entry, floor_entry) in enumerate(zip(api_results, floor_results, strict=False)):
        if api_entry != floor_entry:
            keys = sorted(k for k in set(api_entry) | set(floor_entry) if api_entry.get(k) != floor_entry.get(k))
            details = {k: (api_entry.get(k), floor_entry.get(k)) for k in keys}
            raise SystemExit(f"bench: {name}: entry {index} of {path} differs from the floor's: {details}")
    raise SystemExit(f"bench: {name}: {path} has {len(api_results)} entries, the floor {len(floor_results)}")


def _measure(cases, targets, app_server, inprocess, database_url) -> dict:
    load.run([("api", cases[0].api[0])] * 20, targets=targets, headers=HEADERS)  # warm both workers
    rss_start = _worker_rss_mb(app_server.pid)
    rows, failures = [], []
    for case in cases:
        rss_before = max(_worker_rss_mb(app_server.pid))
        jobs = []
        for number, api_path in enumerate(case.api):
            jobs.append(("api", api_path))
            if case.floor:
                jobs.append(("floor", case.floor[number]))
        timings = load.run(jobs, targets=targets, headers=HEADERS, concurrency=CONCURRENCY)
        failures += timings.failures
        rows.append(_row(case, timings, inprocess.query_count(case.api[0], HEADERS), rss_before, app_server.pid))
    rss_end = _worker_rss_mb(app_server.pid)
    return {
        "worker_rss_mb": round(max(rss_end), 1),
        "rss_growth": round(max(rss_end) / max(rss_start) - 1, 3),
        "scenarios": rows,
        "floor_plans": inprocess.explain_floors(cases, database_url),
        "failures": failures[:20],
    }


def _row(case, timings, queries, rss_before, app_pid) -> dict:
    api = timings.latencies["api"]
    row = {
        "name": case.name,
        "p50_ms": round(load.percentile(api, 0.5) * 1000, 1),
        "p99_ms": round(load.percentile(api, 0.99) * 1000, 1),
        "rps": round(len(api) / timings.wall, 1),
        "floor_p50_ms": None,
        "ratio_p50": None,
        "ratio_p99": None,
        "queries": queries,
        "rss_added_mb": round(max(_worker_rss_mb(app_pid)) - rss_before, 1),
    }
    floor = timings.latencies.get("floor")
    if floor:
        row["floor_p50_ms"] = round(load.percentile(floor, 0.5) * 1000, 1)
        row["ratio_p50"] = round(load.percentile(api, 0.5) / load.percentile(floor, 0.5), 2)
        row["ratio_p99"] = round(load.percentile(api, 0.99) / load.percentile(floor, 0.99), 2)
    return row


def _worker_rss_mb(master_pid: int) -> list[float]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes or [0.0]


def _print_table(results: dict) -> None:
    print(f"\n{results['events']:,} events; import {results['import_events_per_s']:,} events/s; "
          f"worker RSS {results['worker_rss_mb']} MB, growth {results['rss_growth']:.1%}")  # fmt: skip
    print("| scenario | floor p50 | Chronicle p50 | p99 | ratio p50 | ratio p99 | rps | queries |")
    print("|---|---|---|---|---|---|---|---|")
    for row in results["scenarios"]:
        floor = f"{row['floor_p50_ms']} ms" if row["floor_p50_ms"] is not None else "—"
        ratio50 = f"{row['ratio_p50']}x" if row["ratio_p50"] is not None else "—"
        ratio99 = f"{row['ratio_p99']}x" if row["ratio_p99"] is not None else "—"
        print(f"| {row['name']} | {floor} | {row['p50_ms']} ms | {row['p99_ms']} ms | {ratio50} | {ratio99} "
              f"| {row['rps']} | {row['queries']} |")  # fmt: skip
    for failure in results["failures"]:
        print(f"FAILED: {failure}")


if __name__ == "__main__":
    sys.exit(main())
