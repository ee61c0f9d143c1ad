"""Rules about sources: each can be found by a reader, is what it says it is, may be cited at
all, and shows readers only notes meant for them; a warning sign's tier is the one its sources give."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from macros.kb import models as m
from macros.kb.sections import label
from macros.rules.records import record_strings
from macros.rules.registry import Context, Finding, PageFinding, check


def _hostname(source: m.Source) -> str | None:
    """The host a reader is sent to (the source's own address, else its DOI or PubMed record)."""
    link = source.link
    return urlsplit(link).hostname if link else None


def _deep(url: str) -> bool:
    """True for an address of one page, not a site's home or a bare folder of it."""
    return urlsplit(url).path.strip("/") != ""


@check("source-identifier-missing")
def identifiers(ctx: Context) -> Iterator[Finding]:
    """A source a reader cannot find: an article without DOI or PMID, a book without ISBN,
    edition and chapter, a web page without its own deep address."""
    for source in ctx.kb.sources:
        who = f"source '{source.id}'"
        if source.form == "article" and not (source.doi or source.pmid):
            yield Finding(source, ("form",), f"{who} is an article with no DOI or PMID - add `doi:` or `pmid:`")
        if source.form == "book":
            missing = [f for f in ("isbn", "edition", "chapter") if not getattr(source, f)]
            if missing:
                yield Finding(
                    source,
                    ("form",),
                    f"{who} is a book without {', '.join(missing)} - give what a reader finds in print",
                )
        if source.form == "web-page" and source.url is None:
            yield Finding(source, ("form",), f"{who} is a web page with no `url:` - add the page's own address")
        if source.url is not None and not _deep(str(source.url)):
            yield Finding(
                source,
                ("url",),
                f"{who} points at a home page ({source.url}) - give the address of the page itself",
            )


@check("source-kind-mismatch")
def kinds_match_hosts(ctx: Context) -> Iterator[Finding]:
    """A source whose publisher's host publishes other kinds of source (data/hosts.yaml)."""
    if ctx.kb.hosts is None:
        return
    for source in ctx.kb.sources:
        host = _hostname(source)
        rule = ctx.kb.hosts.rule_for(host) if host else None
        if rule is None or rule.refuse or source.kind in rule.kinds:
            continue
        yield Finding(
            source,
            ("kind",),
            f"source '{source.id}' is kind {source.kind}, but {rule.host} publishes {' or '.join(rule.kinds)} "
            "(data/hosts.yaml) - correct the kind, or the host's rule if it is wrong",
        )
    for source in ctx.kb.sources:
        if source.kind == "peer-reviewed" and source.form != "article":
            yield Finding(source, ("form",), f"source '{source.id}' is peer-reviewed, so its form is article")


_LINK_ADDRESS = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)|(?<![\w/])(https?://[^\s)<>\]]+)")


@check("source-not-citable")
def citable(ctx: Context) -> Iterator[Finding | PageFinding]:
    """A source, or a link in a page or data text, at a host that may not be cited: a seed
    article, a copy or mirror, a document-sharing site or a content farm."""
    if ctx.kb.hosts is None:
        return
    hosts = ctx.kb.hosts
    refused_titles = {t.title.lower(): t.refuse for t in hosts.titles}
    for source in ctx.kb.sources:
        host = _hostname(source)
        rule = hosts.rule_for(host) if host else None
        if rule is not None and rule.refuse:
            yield Finding(source, ("url",), f"source '{source.id}' is at {host}: {rule.refuse} - remove it")
        elif source.title.lower() in refused_titles:
            why = refused_titles[source.title.lower()]
            yield Finding(source, ("title",), f"source '{source.id}' is {why} - remove it")
    for record, where, text in record_strings(ctx):
        if "http" in text and not isinstance(record, m.Source):
            for url in _refused(text, hosts):
                field = ".".join(str(p) for p in where)
                yield Finding(record, where, f"{label(record)}: {field} links to {url}, which may not be cited")
    for path, text in ctx.pages.items():
        for number, line in enumerate(text.splitlines(), 1):
            if "http" in line:
                for url in _refused(line, hosts):
                    yield PageFinding(path, number, f"links to {url}, which may not be cited - link the original")


def _refused(text: str, hosts: m.Hosts) -> list[str]:
    found = []
    for match in _LINK_ADDRESS.finditer(text):
        url = match.group(1) or match.group(2)
        rule = hosts.rule_for(urlsplit(url).hostname or "")
        if rule is not None and rule.refuse:
            found.append(url)
    return found


@check("source-note-editorial")
def reader_notes(ctx: Context) -> Iterator[Finding]:
    """A source's note for readers that talks about editing: seeds, copies, what to verify
    (that belongs in `provenance`, which is never shown)."""
    words = [w.lower() for w in (ctx.kb.lexicon.editorial if ctx.kb.lexicon else [])]
    if not words:
        return
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)
    for source in ctx.kb.sources:
        match = pattern.search(source.note) if source.note else None
        if match:
            yield Finding(
                source,
                ("note",),
                f"source '{source.id}': its note for readers says '{match.group(0)}' - editorial notes go in "
                "`provenance:`, which readers never see",
            )


@check("tier-unsupported")
def tiers_supported(ctx: Context) -> Iterator[Finding]:
    """A warning sign whose tier is more urgent than every tier its sources give, or whose
    sources differ with no note saying which was chosen and why."""
    order = m.URGENCY_ORDER.index
    for sign in ctx.kb.signs:
        given = [ref.tier for ref in sign.sources if ref.tier]
        if not given:
            yield Finding(
                sign,
                ("sources",),
                f"warning sign '{sign.id}' records no tier from its sources - give the citation that sets it "
                "a `tier:` (e.g. {id: nhs-twitching, locator: See a GP if, tier: soon})",
            )
            continue
        most = min(given, key=order)
        if order(sign.urgency) < order(most):
            yield Finding(
                sign,
                ("urgency",),
                f"warning sign '{sign.id}' is {sign.urgency}, but its sources give at most {most} - "
                f"use {most}, or cite a source that gives {sign.urgency}",
            )
        elif len(set(given)) > 1 and not sign.tier_note:
            yield Finding(
                sign,
                ("urgency",),
                f"warning sign '{sign.id}': its sources give {', '.join(sorted(set(given), key=order))} - "
                "say in `tier_note:` which tier was chosen and why",
            )
