"""Ask the built site's search what it ranks first (shared by the search tests and tuning)."""

from __future__ import annotations

import time

#: Each result link the search box shows (an article, or a section shown beside it), with the
#: text the reader sees: its title and snippet.
RESULTS = "els => els.map(e => [e.getAttribute('href'), e.querySelector('.md-search-result__article').innerText])"


def results(page, query: str, n: int = 3, timeout: float = 10.0) -> list[tuple[str, str]]:
    """Type ``query`` into the search box as a reader would; return the top ``n`` results as
    (link relative to the site root, the text shown for it). The home page's link is "./"."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=15)
    deadline = time.monotonic() + timeout
    previous, stable = None, 0
    while time.monotonic() < deadline:  # wait until the worker's results stop changing
        page.wait_for_timeout(120)
        found = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", RESULTS)
        stable = stable + 1 if found and found == previous else 0
        previous = found
        if stable >= 3:
            break
    page.keyboard.press("Escape")
    base = page.url.split("?")[0].rsplit("/", 1)[0] + "/"
    return [(_relative(h, base), text) for h, text in (previous or [])[:n]]


def _relative(href: str, base: str) -> str:
    path = href.replace(base, "").lstrip("./").split("?")[0].split("#")[0] or "./"
    return path + ("#" + href.split("#")[1] if "#" in href else "")


def search(page, query: str, n: int = 3, timeout: float = 10.0) -> list[str]:
    """Type ``query`` into the search box as a reader would; return the top ``n`` result links."""
    return [link for link, _ in results(page, query, n, timeout)]


def first_results(page, base: str, queries: list[str], n: int = 3) -> dict[str, list[str]]:
    """For each query, the top ``n`` result links (relative to the site root)."""
    page.goto(base + "/")
    return {query: search(page, query, n) for query in queries}
