"""Speed and quality budget (``make audit``): Lighthouse (mobile preset) on three key pages.

Builds the site, serves it on 127.0.0.1 with gzip like a real host (Python's http.server does
not compress, which alone costs Lighthouse points), runs Lighthouse with Debian's chromium,
and prints transferred bytes, request count, requests to other hosts, and the four scores.
Figures, not pass/fail: the exit code is 1 only when a target is missed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PAGES = {"home": "/", "cause page": "/causes/nerve-root-compression/", "nerve-root table": "/roots/"}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
HOME_BUDGET_BYTES = 100 * 1024
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files with gzip for text types and a year of caching for hashed assets."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            not path.is_file()
            or path.suffix not in COMPRESSIBLE
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=31536000" if "/assets/" in self.path else "no-cache")
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


def build(out: Path) -> None:
    """Strict build of the site into ``out``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def lighthouse(url: str, report: Path) -> dict:
    """Run Lighthouse (mobile) on ``url``; return its JSON result."""
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags={flags}",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        capture_output=True,
        timeout=300,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def summarise(result: dict, host: str) -> dict[str, object]:
    """The budget figures of one Lighthouse result."""
    audits = result["audits"]
    requests = audits["network-requests"]["details"]["items"]
    foreign = sorted({urlsplit(r["url"]).netloc for r in requests if urlsplit(r["url"]).netloc not in ("", host)})
    return {
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "foreign hosts": foreign,
        **{name: round(100 * result["categories"][name]["score"]) for name in TARGETS},
    }


def main() -> int:
    """Build, serve, audit three pages and print the budget table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, default=ROOT / "build-reports" / "audit.json")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make audit` (it runs npm ci in benchmarks/).", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        host = f"127.0.0.1:{server.server_address[1]}"
        rows = {}
        try:
            for name, path in PAGES.items():
                rows[name] = summarise(lighthouse(f"http://{host}{path}", Path(tmp) / "lh.json"), host)
        finally:
            server.shutdown()
    header = (
        f"{'page':18} {'KB (gzip)':>9} {'requests':>8} {'3rd-party':>9} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}"
    )
    print(header)
    print("-" * len(header))
    missed = []
    for name, row in rows.items():
        print(
            f"{name:18} {row['bytes'] / 1024:9.1f} {row['requests']:8} {len(row['foreign hosts']):9} "
            f"{row['performance']:5} {row['accessibility']:5} {row['best-practices']:5} {row['seo']:5}"
        )
        missed += [f"{name}: {k} {row[k]} < {v}" for k, v in TARGETS.items() if row[k] < v]  # type: ignore[operator]
        missed += [f"{name}: requests to {row['foreign hosts']}"] if row["foreign hosts"] else []
    if rows["home"]["bytes"] > HOME_BUDGET_BYTES:  # type: ignore[operator]
        missed.append(f"home: {rows['home']['bytes']} bytes > {HOME_BUDGET_BYTES}")
    print(
        "\nTargets: performance >= 95, accessibility 100, best practices >= 95, SEO 100, home < 100 KB, no other hosts."
    )
    print("All targets met." if not missed else "Missed: " + "; ".join(missed))
    args.json.parent.mkdir(exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
