"""Rules about hand-written pages and templates: macro calls, the ids they name, third-party assets."""

from __future__ import annotations

from collections.abc import Iterator

import jinja2
from jinja2 import nodes

from macros.kb.places import PAGE_MACROS
from macros.problems import did_you_mean
from macros.rules.privacy import css_assets, html_assets, markdown_assets
from macros.rules.registry import Context, PageFinding, check, shared

#: Names a page may call besides our macros: mkdocs-macros' own and Jinja's globals.
BUILTIN_CALLS = frozenset(
    {"context", "macros_info", "now", "fix_url", "range", "dict", "lipsum", "cycler", "joiner", "namespace"}
)


@shared
def _parsed(ctx: Context) -> dict[str, tuple[nodes.Template | None, PageFinding | None]]:
    """Each page parsed as mkdocs-macros parses it (default Jinja delimiters), once per run."""
    env = jinja2.Environment()
    parsed: dict[str, tuple[nodes.Template | None, PageFinding | None]] = {}
    for path, text in ctx.pages.items():
        if "{" not in text:
            parsed[path] = (None, None)
            continue
        try:
            parsed[path] = (env.parse(text), None)
        except jinja2.TemplateSyntaxError as exc:
            hint = _syntax_hint(exc.message or "")
            line = _opening_line(text, exc.lineno)
            parsed[path] = (None, PageFinding(path, line, f"macro syntax: {exc.message}{hint}"))
    return parsed


def _opening_line(text: str, stopped: int) -> int:
    """Where the mistake is: Jinja reports where it stopped reading, which for a call left open is
    further down; the last line at or above it that opens more than it closes is where to look."""
    lines = text.splitlines()[:stopped]
    for number in range(len(lines), 0, -1):
        line = lines[number - 1]
        if line.count("{{") != line.count("}}") or line.count("{%") != line.count("%}"):
            return number
    return stopped


def _syntax_hint(message: str) -> str:
    """How to fix the usual mistakes, in an editor's words."""
    if "unexpected '}'" in message or "unexpected end of template" in message:
        return " - close each call with ')' and '}}', e.g. {{ faq(\"some-id\") }}"
    if "expected token" in message:
        return ' - check the brackets and quotes of the macro call, e.g. {{ faq("some-id") }}'
    return ' - write a macro call as {{ name("id") }}; to show {{ as text, wrap it in {% raw %}...{% endraw %}'


@check("page-macro-syntax")
def macro_calls_parse(ctx: Context) -> Iterator[PageFinding]:
    """A page whose macro calls (`{{ ... }}`, `{% ... %}`) Jinja cannot read, at the line it stops."""
    for _, problem in _parsed(ctx).values():
        if problem:
            yield problem


def _calls(ctx: Context) -> Iterator[tuple[str, nodes.Call]]:
    """(page, call) of every macro call by name in the pages that parsed."""
    for path, (tree, _) in _parsed(ctx).items():
        if tree is not None:
            for call in tree.find_all(nodes.Call):
                if isinstance(call.node, nodes.Name):
                    yield path, call


@check("page-macro-unknown")
def macros_exist(ctx: Context) -> Iterator[PageFinding]:
    """A page calling a macro that does not exist (`{{ faqs(...) }}` for `{{ faq(...) }}`)."""
    for path, call in _calls(ctx):
        name = call.node.name  # type: ignore[attr-defined]
        if name not in PAGE_MACROS and name not in BUILTIN_CALLS:
            hint = did_you_mean(name, PAGE_MACROS) or f" - the macros are: {', '.join(sorted(PAGE_MACROS))}"
            yield PageFinding(path, call.lineno, f"there is no macro '{name}'{hint}")


@check("page-ref-unknown")
def page_ids_resolve(ctx: Context) -> Iterator[PageFinding]:
    """A page passing an id that does not exist to a macro (`{{ faq("...") }}`)."""
    for path, call in _calls(ctx):
        name = call.node.name  # type: ignore[attr-defined]
        kind = PAGE_MACROS.get(name)
        if kind is None or not call.args or not isinstance(call.args[0], nodes.Const) or not ctx.readable(kind):
            continue
        record_id = str(call.args[0].value)
        unknown = ctx.unknown(kind, record_id)
        if unknown:
            yield PageFinding(path, call.lineno, f"{name}() names {unknown}")


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
