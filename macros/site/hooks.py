"""MkDocs hooks (mkdocs.yml ``hooks:``): one generated page per cause, root and region, and the nav.

Adding a record to data/ is all an editor does to get its page, its nav entry and its links.
Each generated page is a single macro call, named in its front matter too, so mkdocs-macros can
make the call directly (macros.site.macros.call_entity_macro) instead of compiling the page as a
template. The open data (the dataset, its schema and two CSV tables) joins the site's files too.
Once the site is written, its links, anchors, third-party assets, editorial leaks and the size of
its data files are checked.
"""

from __future__ import annotations

import html
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

# MkDocs loads this file by path, once per process (`make serve` keeps it, and so the state
# below, from one rebuild to the next): make the project's package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from jinja2 import MemcachedBytecodeCache
from mkdocs.plugins import event_priority

# mkdocs-macros logs what it found on every build: keep it for `mkdocs build -v` only.
if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)

from macros.kb.places import ENTITY_DIRS
from macros.kb.views import Views
from macros.render.dataset_shape import FILES as DATA_FILES
from macros.render.links import record_name, resolve_links, words_only
from macros.render.markdown import region_title
from macros.site.csp import add_policy
from macros.site.glossary_links import link_first_uses, term_patterns
from macros.site.macros import Knowledge, build_error, knowledge, previewing, problems_page
from macros.site.opendata import published
from macros.site.sitecheck import SiteCheck

#: Section titles of generated entity pages, in nav order.
SECTION_TITLES = {"causes": "Causes", "regions": "Body areas", "roots": "Nerve roots"}
MACRO = {"causes": "cause_page", "roots": "root_page", "regions": "region_page"}


def entity_pages(views: Views) -> dict[str, dict[str, str]]:
    """For each entity kind, the generated pages: source path -> page title."""
    return {
        "causes": {f"{ENTITY_DIRS['causes']}/{c.id}.md": c.name for c in views.kb.causes},
        "roots": {f"{ENTITY_DIRS['roots']}/{r.id}.md": f"{r.label} nerve root" for r in views.kb.roots},
        "regions": {f"{ENTITY_DIRS['regions']}/{r.id}.md": r.name for r in views.kb.anatomy.regions},
    }


def page_title(kind: str, title: str) -> str:
    """The page's own title (the navigation keeps the short name)."""
    return region_title(title) if kind == "regions" else title


#: Search ranking of generated pages: a reader's everyday words should land on the one page
#: about that thing before long list pages that merely mention it (tests/test_search.py).
SEARCH_BOOST = {"causes": 5, "roots": 5, "regions": 5}

#: lunr's stop words: the index never holds them, and Material makes every query word a prefix,
#: so "is twitching serious" also searched for "is*" (Isaacs syndrome first) and "twitching at
#: night" for "at*" (atrophy). The search separator drops them from queries as whole words. Also
#: "over" ("twitching all over", "over 2 weeks"), which as a prefix found "Overactive thyroid".
# fmt: off
SEARCH_STOP_WORDS = [
    "a", "able", "about", "across", "after", "all", "almost", "also", "am", "among", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "but", "by", "can", "cannot", "could", "dear", "did", "do",
    "does", "either", "else", "ever", "every", "for", "from", "get", "got", "had", "has", "have", "he", "her",
    "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "just", "least",
    "let", "like", "likely", "may", "me", "might", "most", "must", "my", "neither", "no", "nor", "not", "of",
    "off", "often", "on", "only", "or", "other", "our", "own", "rather", "said", "say", "says", "she",
    "should", "since", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "tis", "to", "too", "twas", "us", "wants", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your", "over",
]
# fmt: on


def stop_word_separator(words: list[str]) -> str:
    """A regex matching any of ``words`` as a whole word, lower case or capitalised (a phone
    capitalises a query's first word; Material compiles the separator without the i flag)."""
    return r"\b(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words) + r")\b"


def page_source(kind: str, record_id: str, title: str, description: str) -> str:
    """Markdown of a generated page: front matter and one macro call."""
    # The theme writes title and description into HTML attributes without escaping them.
    meta: dict[str, Any] = {
        "title": html.escape(title, quote=True),
        "description": html.escape(" ".join(description.split())[:155], quote=True),
        "search": {"boost": SEARCH_BOOST[kind]},
        "ta_entity": [MACRO[kind], record_id],  # lets macros.site.macros call the macro without Jinja
    }
    front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{front}\n---\n\n{{{{ {MACRO[kind]}({json.dumps(record_id)}) }}}}\n"


def build_nav(generated: dict[str, dict[str, str]]) -> list[Any]:
    """The whole navigation: hand-written pages plus every generated entity page."""

    def section(kind: str) -> dict[str, Any]:
        index = f"{ENTITY_DIRS[kind]}/index.md"
        return {SECTION_TITLES[kind]: [index, *({title: path} for path, title in generated[kind].items())]}

    return [
        {"Home": "index.md"},
        {"What a twitch is": "twitching.md"},
        {"When to see a doctor": "warning-signs.md"},
        section("causes"),
        section("regions"),
        section("roots"),
        {"Questions": "faqs.md"},
        {"Twitching in numbers": "numbers.md"},
        {"Glossary": "glossary.md"},
        {"References": "references.md"},
        {"About": "about.md"},
        {"Reuse the data": "reuse.md"},
    ]


@event_priority(100)
def on_config(config: Any) -> Any:
    """Load and check the data (stopping on errors) and set the navigation from it."""
    checked = knowledge(Path(config.config_file_path).parent)
    if previewing():  # the check finds what an editor can break; anything else shows in the page, never exits
        config.plugins["macros"].config["on_error_fail"] = False
    _build.clear()
    _build["checked"] = checked  # page hooks use this build's data without checking file dates again
    pages = entity_pages(checked.views)
    if checked.errors:  # previewing broken data: every address that worked still answers (with the problems)
        pages = {kind: {**_last_pages.get(kind, {}), **paths} for kind, paths in pages.items()}
    else:
        _last_pages.update(pages)
    _build["pages"] = pages
    config["nav"] = build_nav(pages)
    search = config.plugins.get("material/search")
    if search is not None and previewing():  # indexing every page is a sixth of each rebuild
        search.config.enabled = False
    words = stop_word_separator(SEARCH_STOP_WORDS)
    if search is not None and not search.config.separator.endswith(words):  # once per config
        search.config.separator = f"{search.config.separator}|{words}"
    return config


#: The generated pages of the last build without errors: while the data has errors, their
#: addresses still answer (with the list of problems) instead of 404.
_last_pages: dict[str, dict[str, str]] = {}


class _Templates(dict[str, bytes]):
    """The client jinja2's MemcachedBytecodeCache asks for, kept in this process."""

    def set(self, key: str, value: bytes, timeout: int | None = None) -> None:
        """Keep a compiled template."""
        self[key] = value


#: The theme's compiled templates (jinja2 keys each by its source: an edited override compiles again).
_templates = _Templates()


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Notice a save within a tenth of a second (MkDocs's own server looks every half second, a
    third of the preview's budget from save to page): the same server, watching the same paths."""
    from mkdocs.livereload import LiveReloadServer

    host, port = server.server_address[:2]
    quicker = LiveReloadServer(builder, host, port, server.root, server.mount_path, polling_interval=0.1)
    quicker.error_handler = server.error_handler
    for path in (config.docs_dir, config.config_file_path):
        quicker.watch(path)
    return quicker


def on_env(env: Any, config: Any, files: Any) -> Any:
    """While previewing, compile the theme's templates once, not on every rebuild (jinja2's
    bytecode cache keys each template by its source, so an edited override is compiled again)."""
    if previewing():
        env.bytecode_cache = MemcachedBytecodeCache(_templates)
    return env


@event_priority(100)  # before other plugins (link checker, search) take their list of files
def on_files(files: Any, config: Any) -> Any:
    """Add one generated page per cause, root and region, and the open data files (only when the
    data passed every check: a preview of broken data publishes none)."""
    from mkdocs.structure.files import File

    root = Path(config.config_file_path).parent
    checked = knowledge(root)
    views = checked.views
    if not checked.errors:
        for path, text in published(views, root)[1].items():
            files.append(File.generated(config, path, content=text))
    describe = {
        "causes": lambda rid: views.causes[rid].summary,
        "roots": lambda rid: views.roots[rid].sensory_area,
        "regions": lambda rid: views.regions[rid].description,
    }
    name = record_name(views.kb)
    for kind, paths in _build["pages"].items():
        for path, title in paths.items():
            record_id = Path(path).stem
            known = record_id in getattr(views, kind)
            description = words_only(describe[kind](record_id), name) if known else title
            content = page_source(kind, record_id, page_title(kind, title), description)
            files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Make links by id relative to the page; link the first use of each glossary term to its
    definition (not on the glossary itself)."""
    views = _build["checked"].views
    if _matcher.get("views") is not views:  # rebuilt only when the data changed
        _matcher.update(views=views, matcher=term_patterns(views.kb.glossary), name=record_name(views.kb))
    html = resolve_links(html, page.file.src_uri, _matcher["name"])
    if page.file.src_uri == "glossary.md":
        return html
    glossary_url = "../" * page.url.count("/") + "glossary/"
    return link_first_uses(html, _matcher["matcher"], glossary_url)


_matcher: dict[str, Any] = {}
_build: dict[str, Any] = {}  # the checked data of the build in progress, and its site checks


@event_priority(100)  # before mkdocs-macros renders the page
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """While previewing broken data, every page shows the list of problems instead."""
    checked: Knowledge = _build["checked"]
    return problems_page(checked.errors) if checked.errors else markdown


@event_priority(-100)  # last: after every other plugin has written the page
def on_post_page(output: str, page: Any, config: Any) -> str:
    """Hand the page to the site checks; give it a Content-Security-Policy (not under
    `make serve`: its live-reload script is inline)."""
    if checking_links():
        if "checks" not in _build:
            _build["checks"] = SiteCheck(_build["checked"].views.kb)
        _build["checks"].add_page(page.file.dest_uri, page.file.src_uri, output)
    return output if os.environ.get("TA_PREVIEW") == "1" else add_policy(output)


def checking_links() -> bool:
    """False when CHECK_LINKS=false (`make serve` skips the site checks for fast reloads)."""
    return os.environ.get("CHECK_LINKS", "true").lower() not in ("false", "0", "no")


@event_priority(-100)  # after every plugin has written its files (search index, assets)
def on_post_build(config: Any) -> None:
    """Stop the build when a link or anchor between the site's own pages leads nowhere, when a
    page or stylesheet would fetch anything from another host, when a page or data file shows
    editorial matter, or when a data file is over its size budget."""
    checks: SiteCheck | None = _build.pop("checks", None)
    if checks is None:
        return
    root = Path(config.config_file_path).parent
    site = Path(config.site_dir)
    for path in DATA_FILES:
        if (site / path).is_file():  # a missing one is a broken link from the Reuse page
            checks.add_file(f"{site.name}/{path}", (site / path).read_bytes())
    found = checks.problems(config.site_dir, str(root), config.docs_dir)
    if found["lines"]:
        counts = [f"{found['broken']} broken link(s)"] * bool(found["broken"])
        counts += [f"{found['third_party']} third-party asset(s)"] * bool(found["third_party"])
        counts += [f"{found['leaks']} editorial leak(s)"] * bool(found["leaks"])
        counts += [f"{found['oversized']} data file(s) over budget"] * bool(found["oversized"])
        raise build_error(f"{' and '.join(counts)} in the built site:\n" + "\n".join(found["lines"]))
