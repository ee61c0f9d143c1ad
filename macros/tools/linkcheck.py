"""Opt-in check of every source URL over the network (``make linkcheck-external``).

Never part of the offline test run. Polite: one request at a time, a pause between requests
to the same host, HEAD first and GET only when a server refuses HEAD.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

USER_AGENT = "TwitchAtlas-linkcheck/1.0 (editorial check of cited sources)"


@dataclass(frozen=True)
class LinkResult:
    """What one URL answered."""

    source_id: str
    url: str
    status: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        """True for 2xx/3xx answers (and 401/403/429: the page exists, the server limits robots)."""
        return self.status is not None and (self.status < 400 or self.status in (401, 403, 429))


def fetch_status(url: str, timeout: float) -> tuple[int | None, str | None]:
    """HTTP status of ``url`` (HEAD, then GET if HEAD is refused), or an error message."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, None
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (400, 403, 405, 501):
                continue
            return exc.code, exc.reason if isinstance(exc.reason, str) else None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return None, str(getattr(exc, "reason", exc))
    return None, "no answer"


def check_urls(
    urls: Iterable[tuple[str, str]],
    delay: float = 1.0,
    timeout: float = 20.0,
    fetch: Callable[[str, float], tuple[int | None, str | None]] = fetch_status,
    sleep: Callable[[float], None] = time.sleep,
) -> list[LinkResult]:
    """Check (source id, url) pairs one at a time, pausing ``delay`` seconds between hits on one host."""
    last_hit: dict[str, float] = {}
    results = []
    for source_id, url in urls:
        host = urlsplit(url).hostname or ""
        wait = last_hit.get(host, -1e9) + delay - time.monotonic()
        if wait > 0:
            sleep(wait)
        status, error = fetch(url, timeout)
        last_hit[host] = time.monotonic()
        results.append(LinkResult(source_id, url, status, error))
    return results


def reachable(hosts: Iterable[str], timeout: float = 5.0) -> bool:
    """True when any of ``hosts`` answers on port 443: without a network every URL would look dead."""
    for host in hosts:
        try:
            socket.create_connection((host, 443), timeout=timeout).close()
            return True
        except OSError:
            continue
    return False


class RefError(Exception):
    """The older copy of data/sources.yaml given to --since cannot be read."""


def changed_since(old_file: Path, current: dict[str, str]) -> set[str]:
    """Ids of sources (id -> url now) that are new since ``old_file`` (an older copy of
    data/sources.yaml, which `make linkcheck-external SINCE=ref` takes from git), or whose address changed."""
    try:
        old_text = old_file.read_text(encoding="utf-8")
    except OSError as exc:
        raise RefError(f"cannot read {old_file}: {exc.strerror}") from None
    try:
        old = yaml.safe_load(old_text) or {}
    except yaml.YAMLError:
        return set(current)  # unreadable then: check everything
    before = {s.get("id"): s.get("url") for s in old.get("sources", []) if isinstance(s, dict)}
    return {sid for sid, url in current.items() if before.get(sid) != url}
