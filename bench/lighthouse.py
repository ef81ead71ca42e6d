"""`make lighthouse`: Lighthouse (mobile) on the home and a topic page, as production serves them.

1. Creates its own PostgreSQL database (LIGHTHOUSE_DATABASE_URL, default clinic_lighthouse),
   migrates, loads the starter content and collects static files.
2. Starts gunicorn with the production settings (throwaway secrets) on 127.0.0.1.
3. Runs the npm package lighthouse@12.2.3 with Debian's Chromium (CHROME_PATH, default
   /usr/bin/chromium) for performance, accessibility and best practices, mobile form factor.
4. Prints the scores and the CSS each page loads (bytes, gzip), writes the JSON reports to
   var/lighthouse/, and exits 1 if any score is below LIGHTHOUSE_MIN_SCORE (default 100).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402  (the benchmark's gunicorn helpers)

LIGHTHOUSE = "lighthouse@12.2.3"
DATABASE_URL = os.environ.get(
    "LIGHTHOUSE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_lighthouse"
)
REDIS_URL = os.environ.get("LIGHTHOUSE_REDIS_URL", "redis://127.0.0.1:6379/13")
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
MIN_SCORE = int(os.environ.get("LIGHTHOUSE_MIN_SCORE", "100"))
OUT = ROOT / "var" / "lighthouse"
PAGES = {"home": "/", "topic": "/who-can-benefit/"}
CATEGORIES = ("performance", "accessibility", "best-practices")


def configure_bench() -> None:
    """Point the benchmark's helpers (env, database, gunicorn) at this run's database."""
    bench.DATABASE_URL = DATABASE_URL
    bench.REDIS_URL = REDIS_URL
    bench.WORKERS = 2


def prepare() -> None:
    bench.ensure_database()
    bench.manage("migrate", "--noinput", "-v0")
    bench.manage("collectstatic", "--noinput", "-v0")
    bench.manage("load_starter_data")


def css_weight(base: str, path: str) -> tuple[int, int]:
    """Bytes and gzip bytes of the stylesheets the page links to."""
    with urllib.request.urlopen(base + path, timeout=10) as response:
        html = response.read().decode()
    raw = zipped = 0
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
        with urllib.request.urlopen(base + href, timeout=10) as response:
            body = response.read()
        raw += len(body)
        zipped += len(gzip.compress(body, compresslevel=9))
    return raw, zipped


def lighthouse(url: str, name: str) -> dict[str, int]:
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / f"{name}.json"
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    # Lighthouse sometimes fails to record the trace of a cold first load ("NO_NAVSTART:
    # please run Lighthouse again"): it is run once more, as its message asks, never more.
    for attempt in (1, 2):
        try:
            _run_lighthouse(url, report, env)
            break
        except subprocess.CalledProcessError:
            if attempt == 2:
                raise
            print(f"lighthouse: {name} failed once; running it again", flush=True)
    data = json.loads(report.read_text())
    return {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}


def _run_lighthouse(url: str, report: Path, env: dict) -> None:
    subprocess.run(
        [
            shutil.which("npx") or "npx",
            "--yes",
            LIGHTHOUSE,
            url,
            "--quiet",
            "--only-categories=" + ",".join(CATEGORIES),
            "--form-factor=mobile",
            "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
            "--output=json",
            f"--output-path={report}",
        ],
        check=True,
        env=env,
        timeout=300,
    )


def main() -> int:
    if not Path(CHROME_PATH).exists():
        raise SystemExit(f"Chromium not found at {CHROME_PATH} (apt-get install -y chromium)")
    configure_bench()
    prepare()
    port = bench.free_port()
    proc = bench.start_gunicorn(port)
    base = f"http://127.0.0.1:{port}"
    failed = False
    try:
        print(f"{'page':<8} {'path':<20} " + " ".join(f"{c:>15}" for c in CATEGORIES)
              + "   CSS bytes (gzip)")  # fmt: skip
        for name, path in PAGES.items():
            css_weight(base, path)  # warm the page cache, as a real visitor would find it
            scores = lighthouse(base + path, name)
            raw, zipped = css_weight(base, path)
            failed |= any(score < MIN_SCORE for score in scores.values())
            print(f"{name:<8} {path:<20} " + " ".join(f"{scores[c]:>15}" for c in CATEGORIES)
                  + f"   {raw:,} ({zipped:,})")  # fmt: skip
    finally:
        bench.stop_gunicorn(proc)
    print(f"reports: {OUT}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
