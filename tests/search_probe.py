"""Ask the built site's search what it ranks first (shared by the search tests and tuning)."""

from __future__ import annotations

import time

RESULTS = "els => els.map(e => e.getAttribute('href'))"


def search(page, query: str, n: int = 3, timeout: float = 10.0) -> list[str]:
    """Type ``query`` into the search box as a reader would; return the top ``n`` result links."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=15)
    deadline = time.monotonic() + timeout
    previous, stable = None, 0
    while time.monotonic() < deadline:  # wait until the worker's results stop changing
        page.wait_for_timeout(120)
        hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", RESULTS)
        stable = stable + 1 if hrefs and hrefs == previous else 0
        previous = hrefs
        if stable >= 3:
            break
    page.keyboard.press("Escape")
    base = page.url.split("?")[0].rsplit("/", 1)[0] + "/"
    return [
        h.replace(base, "").lstrip("./").split("?")[0] + ("#" + h.split("#")[1] if "#" in h else "")
        for h in (previous or [])[:n]
    ]


def first_results(page, base: str, queries: list[str], n: int = 3) -> dict[str, list[str]]:
    """For each query, the top ``n`` result links (relative to the site root)."""
    page.goto(base + "/")
    return {query: search(page, query, n) for query in queries}
