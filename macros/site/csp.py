"""Content-Security-Policy for every built page: only the site's own scripts and styles.

The theme puts a few small inline scripts in each page (palette, scope); they are allowed by
their SHA-256 hash, computed from the page itself, so nothing else inline can run.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_DATA_TYPES = ("application/json", "application/ld+json")

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the page's executable inline scripts."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        if _SRC.search(match.group(1)):
            continue  # a script file: 'self' covers it
        kind = re.search(r'type\s*=\s*"([^"]*)"', match.group(1))
        if kind and kind.group(1).lower() in _DATA_TYPES:
            continue  # data blocks never execute
        digest = base64.b64encode(hashlib.sha256(match.group(2).encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def policy(html: str) -> str:
    """The page's policy: same-origin everything, plus its own inline scripts by hash."""
    parts = {**BASE_POLICY, "script-src": BASE_POLICY["script-src"] + inline_script_hashes(html)}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in parts.items())


def add_policy(html: str) -> str:
    """Insert the CSP meta tag as the first element of <head>, before anything can run."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)
