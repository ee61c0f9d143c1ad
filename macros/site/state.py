"""The state of the page being rendered: mkdocs-macros renders one page at a time."""

from __future__ import annotations

from collections.abc import Callable

from macros.kb.views import Views
from macros.problems import Problem
from macros.render.citations import Citer


class PageState:
    """The citer of the page being rendered (mkdocs-macros renders one page at a time)."""

    def __init__(self, views: Views, errors: tuple[Problem, ...] = ()) -> None:
        self.views = views
        self.errors = errors  # while previewing broken data: what every page shows instead
        self.page: str = ""
        self.citer = Citer(views.sources)
        # Page bodies rendered already to list each source's citing pages on the References page
        # (built first): page -> (body, its citer). A generated page takes its own, once.
        self.rendered: dict[str, tuple[str, Citer]] = {}

    def body(self, page: str, render: Callable[[Citer], str]) -> str:
        """The body of generated ``page``: as rendered for the References page, else rendered now."""
        if page in self.rendered:
            text, self.citer = self.rendered.pop(page)
            self.page = page
            return text
        return render(self.for_page(page))

    def for_page(self, page: str) -> Citer:
        """The citer of ``page``, fresh when a new page starts."""
        if page != self.page:
            self.page, self.citer = page, Citer(self.views.sources)
        return self.citer
