"""CPU per request of the public pages rendered without the page HTML cache, in-process.

`make bench` (BENCH_NO_PAGE_CACHE=1) measures requests/s under wrk, which depends on how
busy the machine is. This measures what one request costs the worker's CPU instead
(time.process_time, stable under load): the production settings as bench/run.py sets them,
the page cache off, each request through Django's WSGI handler (every middleware, the
request_finished signal) as gunicorn calls it, with `Accept-Encoding: gzip` as wrk sends.

    BENCH_DATABASE_URL=postgres://…/clinic_me BENCH_REDIS_URL=redis://127.0.0.1:6379/N \\
        python bench/profile_page.py --prepare        # once: migrate, collectstatic, content
    python bench/profile_page.py                      # ms CPU per request, median of runs
    python bench/profile_page.py --profile /who-can-benefit/   # cProfile, top functions
    python bench/profile_page.py --save-html DIR      # each page's HTML (before/after diffs)
    python bench/profile_page.py --instructions       # valgrind instructions per request
    python bench/profile_page.py --staff              # the admin queue, as bench/run.py's
                                                      # front-desk member (TOTP-verified)

CPU time still moves with a busy machine (shared caches, frequency); `--instructions` counts
instructions under valgrind's callgrind instead, which does not (slow: use a few hundred
requests).

The database and Redis default to bench/run.py's (clinic_bench, Redis 14).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

import run  # noqa: E402 - bench/run.py: the bench's settings and set-up

DEFAULT_PATHS = ("/who-can-benefit/", "/")


# The Cookie header of every request (--staff: a signed-in, verified front-desk session).
COOKIE = os.environ.get("PROFILE_COOKIE", "")


def environ_for(path: str) -> dict:
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if COOKIE:
        environ["HTTP_COOKIE"] = COOKIE
    return environ


def request(app, path: str, *, gzip: bool = True) -> tuple[str, list, bytes]:
    """One request as a WSGI server makes it: the body read and the iterable closed."""
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, headers

    environ = environ_for(path)
    if not gzip:
        del environ["HTTP_ACCEPT_ENCODING"]
    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()
    return seen["status"], seen["headers"], body


def cpu_ms_per_request(app, path: str, count: int) -> float:
    started = time.process_time()
    for _ in range(count):
        request(app, path)
    return (time.process_time() - started) * 1000 / count


def staff_session() -> tuple[str, str]:
    """bench/run.py's front-desk member with a verified session: (cookie, queue path)."""
    import json

    result = subprocess.run(
        [sys.executable, str(BENCH_DIR / "run.py"), "--inside-django"],
        cwd=BENCH_DIR.parent,
        env=run.bench_env(),
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    info = json.loads(result.stdout.strip().splitlines()[-1])
    return info["session_cookie"], info["admin_queue"]


def setup_django():
    os.environ.update(run.bench_env())
    os.environ["PAGE_HTML_CACHE"] = "off"
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    return WSGIHandler()


def check_pages(app, paths) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in paths:
        request(app, path)  # warm
        with CaptureQueriesContext(connection) as queries:
            status, _, body = request(app, path)
        print(f"{path}: {status}, {len(body):,} bytes (gzip), {len(queries)} SQL queries")
        if not status.startswith("200"):
            raise SystemExit(f"{path} answered {status}")


def save_html(app, directory: Path) -> None:
    """Every published page, the home page and the team page, in each language."""
    from pages.selectors import published_page_index

    paths = ["/", "/team/", *(link.url for link in published_page_index())]
    directory.mkdir(parents=True, exist_ok=True)
    for path in paths:
        for prefix in ("", "/es"):
            full = prefix + path
            status, headers, body = request(app, full, gzip=False)
            name = full.strip("/").replace("/", "_") or "home"
            (directory / f"{name}.html").write_bytes(body)
            header_text = "".join(
                f"{k}: {v}\n" for k, v in headers if k not in ("Date", "Content-Length")
            )
            (directory / f"{name}.headers").write_text(f"{status}\n{header_text}")
    print(f"wrote {len(paths) * 2} pages to {directory}")


def profile(app, path: str, count: int, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        request(app, path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    print(out.getvalue())


def instructions_counted(path: str, count: int, warmup: int) -> int:
    """Instructions `count` requests of `path` cost, counted by callgrind: this script again
    under valgrind, instrumentation switched on after the warm-up (so Django's start-up is
    not counted). Under valgrind a request takes ~50 times as long, so the worker's copy of
    the page index and settings would be revalidated (1 s) every few requests instead of
    every few hundred: the count is of the steady state, revalidation off (and the garbage
    collector, see under_callgrind)."""
    env = {**os.environ, "PAGE_LOCAL_REVALIDATE_SECONDS": "3600"}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                f"--callgrind-out-file={out}",
                sys.executable,
                __file__,
                "--under-callgrind",
                path,
                "--requests",
                str(count),
                "--warmup",
                str(warmup),
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=1800,
        )
        lines = out.read_text().splitlines()
        totals = next(line for line in lines if line.startswith(("totals:", "summary:")))
    return int(totals.split()[1])


def instructions_per_request(path: str, count: int, warmup: int) -> float:
    """The difference between counting `count` and 2 × `count` requests, per request: a
    fixed cost of switching the count on (over a hundred million instructions, counted
    once) cancels out."""
    fewer = instructions_counted(path, count, warmup)
    more = instructions_counted(path, 2 * count, warmup)
    return (more - fewer) / count


def under_callgrind(app, path: str, count: int, warmup: int) -> None:
    for _ in range(warmup):
        request(app, path)
    # A full collection of the process's objects every so many requests is millions of
    # instructions at once: counted or not depending on where it falls, it swamped the
    # differences measured. The count is of the requests' own work.
    gc.collect()
    gc.disable()
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True)
    for _ in range(count):
        request(app, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS))
    parser.add_argument("--requests", type=int, default=2000, help="per path per run")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--prepare", action="store_true", help="migrate, collectstatic, content")
    parser.add_argument("--profile", metavar="PATH", help="cProfile --requests of PATH")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--save-html", metavar="DIR", type=Path)
    parser.add_argument("--instructions", action="store_true", help="count them (valgrind)")
    parser.add_argument("--staff", action="store_true", help="the admin queue, signed in")
    parser.add_argument("--under-callgrind", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.staff:
        global COOKIE
        COOKIE, queue = staff_session()
        os.environ["PROFILE_COOKIE"] = COOKIE  # for the copy of this script under valgrind
        if args.paths == list(DEFAULT_PATHS):
            args.paths = [queue]

    if args.instructions:
        for path in args.paths:
            count = min(args.requests, 200)
            per_request = instructions_per_request(path, count, min(args.warmup, 50))
            print(f"{path}: {per_request / 1e6:.3f} M instructions/request ({count} more requests)")
        return 0

    if args.prepare:
        run.ensure_database()
        for command in (
            ("migrate", "--noinput", "-v", "0"),
            ("collectstatic", "--noinput", "-v", "0"),
            ("load_starter_data",),
        ):
            run.manage(*command)
    app = setup_django()
    if args.under_callgrind:
        under_callgrind(app, args.paths[0], args.requests, args.warmup)
        return 0
    if args.save_html:
        save_html(app, args.save_html)
        return 0
    check_pages(app, args.paths)
    for path in args.paths:
        for _ in range(args.warmup):
            request(app, path)
    if args.profile:
        profile(app, args.profile, args.requests, args.top)
        return 0
    figures: dict[str, list[float]] = {path: [] for path in args.paths}
    for number in range(1, args.runs + 1):
        for path in args.paths:  # interleaved, as bench/run.py's rounds
            figures[path].append(cpu_ms_per_request(app, path, args.requests))
        print(
            f"run {number}: "
            + ", ".join(f"{path} {figures[path][-1]:.3f}" for path in args.paths)
            + " ms CPU/request"
        )
    for path, values in figures.items():
        print(
            f"{path}: median {statistics.median(values):.3f} ms CPU/request "
            f"(runs {min(values):.3f}–{max(values):.3f}, {args.requests} requests each)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
