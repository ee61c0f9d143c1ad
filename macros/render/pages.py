"""Which page shows which facts: every page body built from the data, by its source path."""

from __future__ import annotations

from collections.abc import Callable

from macros.kb.views import Views
from macros.render.citations import Citer
from macros.render.entities import cause_page, region_page, root_page
from macros.render.lists import causes_index, comparison_table, faqs_page, figures_table, glossary_page, roots_table
from macros.render.signs import signs_page

Body = Callable[[str, Citer], str]


def page_bodies(v: Views) -> dict[str, tuple[str, Body]]:
    """Every page that shows facts from the data: source path -> (title, body function)."""
    bodies: dict[str, tuple[str, Body]] = {
        "twitching.md": ("What a twitch is", lambda here, c: comparison_table(v, here, c)),
        "warning-signs.md": ("When to see a doctor", lambda here, c: signs_page(v, here, c)),
        "causes/index.md": ("Causes", lambda here, c: causes_index(v, here, c)),
        "roots/index.md": ("Nerve roots", lambda here, c: roots_table(v, here, c)),
        "faqs.md": ("Questions people ask", lambda here, c: faqs_page(v, here, c)),
        "numbers.md": ("Twitching in numbers", lambda here, c: figures_table(v, here, c)),
        "glossary.md": ("Glossary", lambda here, c: glossary_page(v, here, c)),
    }
    for c in v.kb.causes:
        bodies[f"causes/{c.id}.md"] = (c.name, lambda here, ct, i=c.id: cause_page(v, i, here, ct))
    for r in v.kb.roots:
        bodies[f"roots/{r.id}.md"] = (f"{r.label} nerve root", lambda here, ct, i=r.id: root_page(v, i, here, ct))
    for r in v.kb.anatomy.regions:
        bodies[f"body-areas/{r.id}.md"] = (r.name, lambda here, ct, i=r.id: region_page(v, i, here, ct))
    return bodies


def citing_pages(v: Views, keep: dict[str, tuple[str, Citer]] | None = None) -> dict[str, list[tuple[str, str]]]:
    """For each source id, the (page, title) pairs that cite it, found by rendering each page;
    each page's body and citer go into ``keep``, for the build to use instead of rendering again."""
    found: dict[str, dict[str, str]] = {}
    for page, (title, body) in page_bodies(v).items():
        citer = Citer(v.sources)
        text = body(page, citer)
        if keep is not None:
            keep[page] = (text, citer)
        for source_id in citer.order:
            found.setdefault(source_id, {})[page] = title
    return {k: sorted(pages.items()) for k, pages in found.items()}
