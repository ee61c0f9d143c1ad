"""Rules about hand-written pages and templates: macro calls, the ids they name, third-party assets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from macros.kb.sections import BY_KEY, records_of
from macros.problems import did_you_mean
from macros.rules.privacy import css_assets, html_assets, markdown_assets
from macros.rules.registry import Context, PageFinding, check


@check("page-macro-syntax")
def macro_calls_are_closed(ctx: Context) -> Iterator[PageFinding]:
    """A `{{ ... }}` or `{% ... %}` in a page not closed on the line it opens."""
    pairs = (("{{", "}}"), ("{%", "%}"))
    for path, text in ctx.pages.items():
        for number, line in enumerate(text.splitlines(), 1):
            for opener, closer in pairs:
                if line.count(opener) != line.count(closer):
                    yield PageFinding(
                        path,
                        number,
                        f"'{opener}' and '{closer}' do not match on this line - close the macro call with '{closer}'",
                    )
                    break


#: Macros that take a record id as their first argument, and the kind of that id.
ID_MACROS: dict[str, str] = {
    "faq": "faqs",
    "figure": "figures",
    "term": "glossary",
    "cause_page": "causes",
    "root_page": "roots",
    "region_page": "regions",
    "summary": "summaries",
    "dataset_example": "glossary",
}
_MACRO_CALL = re.compile(r"\{\{-?\s*(\w+)\(\s*(['\"])(.*?)\2")


@check("page-ref-unknown")
def page_ids_resolve(ctx: Context) -> Iterator[PageFinding]:
    """A page passing an id that does not exist to a macro (`{{ faq("...") }}`)."""
    for path, text in ctx.pages.items():
        for number, line in enumerate(text.splitlines(), 1):
            for match in _MACRO_CALL.finditer(line):
                name, record_id = match.group(1), match.group(3)
                kind = ID_MACROS.get(name)
                if kind is None or not ctx.readable(kind):
                    continue
                known = {r.id for r in records_of(ctx.kb, kind)} | ctx.broken_ids[kind]
                if record_id not in known:
                    hint = did_you_mean(record_id, known) or f" - see data/{BY_KEY[kind].file}"
                    yield PageFinding(path, number, f"{name}() names unknown {BY_KEY[kind].label} '{record_id}'{hint}")


@check("privacy-third-party")
def no_third_party_assets(ctx: Context) -> Iterator[PageFinding]:
    """A page, template or stylesheet that would fetch from another host (CDN, fonts, trackers)."""
    for path, text in {**ctx.pages, **ctx.templates}.items():
        if path.endswith(".md"):
            assets = markdown_assets(text)
        else:
            assets = css_assets(text) if path.endswith(".css") else [] if path.endswith(".js") else html_assets(text)
        for asset in assets:
            yield PageFinding(
                path,
                asset.line,
                f"{asset.what} loads {asset.url} from another host - readers' browsers would contact it; "
                "copy the file into content/assets/ or remove it",
            )
