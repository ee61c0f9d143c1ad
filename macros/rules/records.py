"""Rules about records: ids, citations, references, dates and what data text may hold."""

from __future__ import annotations

import re
from collections.abc import Iterator

from macros.kb import models as m
from macros.kb.load import CITED_BY_BROKEN
from macros.kb.origin import origin
from macros.kb.sections import BY_KEY, REFERENCES, SECTIONS, all_records, citations_of, fact_records, label, records_of
from macros.kb.text import HTML, UNSAFE_LINK, is_placeholder
from macros.problems import did_you_mean
from macros.render.labels import SERIOUSNESS_LABEL
from macros.rules.registry import Context, Finding, PageFinding, check, shared


@check("id-duplicate")
def ids_unique(ctx: Context) -> Iterator[Finding]:
    """The same id twice in one kind of record."""
    for section in SECTIONS:
        first: dict[str, m.Model] = {}
        for record in records_of(ctx.kb, section.key):
            if record.id in first:
                where = origin(first[record.id])
                at = f" (first on line {where.line})" if where else ""
                yield Finding(record, ("id",), f"{label(record)} is defined twice{at} - rename or merge one of them")
            else:
                first[record.id] = record


@check("faq-duplicate", severity="warning")
def questions_unique(ctx: Context) -> Iterator[Finding]:
    """Two FAQs asking the same question (the same words, ignoring case and punctuation)."""
    first: dict[str, m.Faq] = {}
    for faq in ctx.kb.faqs:
        words = " ".join(re.findall(r"[a-z0-9]+", faq.question.lower()))
        if words in first:
            other = origin(first[words])
            at = f" (line {other.line})" if other else ""
            yield Finding(
                faq, ("question",), f"FAQ '{faq.id}' asks the same question as '{first[words].id}'{at} - merge them"
            )
        else:
            first[words] = faq


@check("source-unknown")
def sources_resolve(ctx: Context) -> Iterator[Finding | PageFinding]:
    """A cited source id that is not in data/sources.yaml (also in a record that failed to load)."""
    if not ctx.readable("sources"):
        return
    known = {s.id for s in ctx.kb.sources} | ctx.broken_ids["sources"]
    for record in fact_records(ctx.kb):
        for where, ref in citations_of(record):
            if ref.id not in known and not is_placeholder(ref.id):
                hint = did_you_mean(ref.id, known) or " - add it to data/sources.yaml first"
                yield Finding(record, where, f"{label(record)} cites unknown source '{ref.id}'{hint}")
    for path, line, cited in ctx.broken_citations:
        if cited not in known and not is_placeholder(cited):
            hint = did_you_mean(cited, known) or " - add it to data/sources.yaml first"
            yield PageFinding(path, line, f"cites unknown source '{cited}'{hint}")


@check("source-not-authoritative")
def sources_authoritative(ctx: Context) -> Iterator[Finding]:
    """A record citing only seeds or web articles, no authoritative source."""
    if not ctx.readable("sources"):
        return
    kinds = {s.id: s.kind for s in ctx.kb.sources}
    for record in fact_records(ctx.kb):
        cited = [ref.id for ref in record.sources if ref.id in kinds]
        if any(ref.id in ctx.broken_ids["sources"] for ref in record.sources):
            continue  # a cited source is itself invalid: its kind is unknown, judge after it is fixed
        if cited and not any(kinds[c] in m.AUTHORITATIVE_KINDS for c in cited):
            yield Finding(
                record,
                ("sources",),
                f"{label(record)} cites only {', '.join(sorted({kinds[c] for c in cited}))} sources - "
                "add a health agency, clinical reference, academic medical centre or peer-reviewed source",
            )


@check("source-unused", severity="warning")
def sources_used(ctx: Context) -> Iterator[Finding | PageFinding]:
    """A source nobody cites."""
    if not ctx.complete:
        yield PageFinding(
            "data/sources.yaml",
            1,
            "not checked this time: a record that did not load may cite any source - fix the errors first",
        )
        return
    cited = {ref.id for record in fact_records(ctx.kb) for _, ref in citations_of(record)}
    cited |= ctx.broken_ids[CITED_BY_BROKEN]
    for source in ctx.kb.sources:
        if source.id not in cited:
            yield Finding(source, ("id",), f"source '{source.id}' is never cited - cite it or remove it")


@check("ref-unknown")
def references_resolve(ctx: Context) -> Iterator[Finding]:
    """A region, root, muscle, nerve, deficit, cause, sign or glossary id that does not exist."""
    for key, field_name, target in REFERENCES:
        if not ctx.readable(target):
            continue
        known = {r.id for r in records_of(ctx.kb, target)} | ctx.broken_ids[target]
        for record in records_of(ctx.kb, key):
            value = getattr(record, field_name)
            refs = [value] if isinstance(value, str) else list(value or [])
            for i, ref in enumerate(refs):
                if ref not in known and not is_placeholder(ref):
                    where = (field_name,) if isinstance(value, str) else (field_name, i)
                    hint = did_you_mean(ref, known) or f" - it is not in data/{BY_KEY[target].file}"
                    yield Finding(
                        record,
                        where,
                        f"{label(record)}: {field_name} names unknown {BY_KEY[target].label} '{ref}'{hint}",
                    )


@check("ref-self")
def no_self_references(ctx: Context) -> Iterator[Finding]:
    """A record listing itself as related (a glossary term in its own see_also...)."""
    for key, field_name, target in REFERENCES:
        if key != target:
            continue
        for record in records_of(ctx.kb, key):
            value = getattr(record, field_name)
            refs = [value] if isinstance(value, str) else list(value or [])
            for i, ref in enumerate(refs):
                if ref == record.id:
                    where = (field_name,) if isinstance(value, str) else (field_name, i)
                    yield Finding(record, where, f"{label(record)} lists itself in {field_name} - remove '{ref}'")


@check("reviewed-future")
def reviewed_not_future(ctx: Context) -> Iterator[Finding]:
    """A `reviewed` or `accessed` date in the future."""
    for record in fact_records(ctx.kb):
        if record.reviewed > ctx.today:
            yield Finding(
                record,
                ("reviewed",),
                f"{label(record)} has reviewed date {record.reviewed}, which is in the future - use the date of the review",
            )
    for source in ctx.kb.sources:
        if source.accessed > ctx.today:
            yield Finding(
                source,
                ("accessed",),
                f"source '{source.id}' has accessed date {source.accessed}, which is in the future",
            )


def _strings(
    record: m.Model, value: m.Value, where: tuple[str | int, ...], out: list[tuple[m.Model, tuple[str | int, ...], str]]
) -> None:
    """Add every string inside ``value`` (the record or a part of it) to ``out``, with its field path."""
    for name, inner in value.__dict__.items():  # a pydantic model keeps its fields there, in order
        if isinstance(inner, str):
            out.append((record, (*where, name), inner))
        elif isinstance(inner, list):
            for i, item in enumerate(inner):
                if isinstance(item, str):
                    out.append((record, (*where, name, i), item))
                elif isinstance(item, m.Value):
                    _strings(record, item, (*where, name, i), out)
        elif isinstance(inner, m.Value):
            _strings(record, inner, (*where, name), out)


@shared
def record_strings(ctx: Context) -> list[tuple[m.Model, tuple[str | int, ...], str]]:
    """(record, field path, text) for every string of every record, gathered once per run and
    shared by the rules that read data text."""
    found: list[tuple[m.Model, tuple[str | int, ...], str]] = []
    for record in all_records(ctx.kb):
        _strings(record, record, (), found)
    return found


@check("html-in-text")
def no_html(ctx: Context) -> Iterator[Finding]:
    """HTML tags or entities in data text (Markdown emphasis and links are fine)."""
    for record, where, text in record_strings(ctx):
        match = HTML.search(text) if "<" in text or "&" in text else None  # the pattern starts with one
        if match:
            field_name = ".".join(str(p) for p in where)
            yield Finding(
                record,
                where,
                f"{label(record)}: {field_name} contains HTML '{match.group(0)[:40]}' - write plain text (Markdown *emphasis* and [links](url) are allowed)",
            )


@check("unsafe-link")
def links_are_web_addresses(ctx: Context) -> Iterator[Finding]:
    """A link in data text to anything but an http(s) or mailto address (javascript:, data:...)."""
    for record, where, text in record_strings(ctx):
        match = UNSAFE_LINK.search(text) if "](" in text else None  # a Markdown link has one
        if match:
            field_name = ".".join(str(p) for p in where)
            yield Finding(
                record,
                where,
                f"{label(record)}: {field_name} links to '{match.group(2)[:40]}' - links must start with https:// (or http://)",
            )


@check("placeholder-left")
def no_placeholders(ctx: Context) -> Iterator[Finding]:
    """A TODO placeholder from `python -m macros new` left in the data."""
    for record, where, text in record_strings(ctx):
        if is_placeholder(text):
            field_name = ".".join(str(p) for p in where)
            yield Finding(
                record, where, f"{label(record)}: {field_name} is still a placeholder ('{text[:40]}') - write it"
            )


@check("root-label-mismatch")
def root_ids_match_labels(ctx: Context) -> Iterator[Finding]:
    """A root whose id is not its label in lower case (l5 for L5), so its address is unpredictable."""
    for root in ctx.kb.roots:
        if root.id != root.label.lower():
            yield Finding(
                root, ("id",), f"root '{root.id}' has label {root.label} - its id must be '{root.label.lower()}'"
            )


@check("summary-missing")
def summaries_present(ctx: Context) -> Iterator[Finding]:
    """A cause, body area or nerve root without `in_short`, the answer its page opens with."""
    for record in [*ctx.kb.causes, *ctx.kb.anatomy.regions, *ctx.kb.roots]:
        if record.in_short is None:
            yield Finding(
                record,
                ("id",),
                f"{label(record)} has no `in_short:` - write what it is, whether it is usually harmless, "
                "what helps and when to see a doctor (with the warning tier to link)",
            )


@check("cause-without-signs", severity="warning")
def causes_have_signs(ctx: Context) -> Iterator[Finding]:
    """A cause that needs a doctor's check, which no warning sign names: its page (and its nerve
    roots' pages) would list no sign under "When to see a doctor"."""
    named = {cause_id for sign in ctx.kb.signs for cause_id in sign.causes}
    for cause in ctx.kb.causes:
        if cause.seriousness != "benign" and cause.id not in named:
            yield Finding(
                cause,
                ("id",),
                f"{label(cause)} needs a doctor's check, but no warning sign names it - add '{cause.id}' to the "
                "`causes:` of the signs in data/signs.yaml that matter for it",
            )


@check("summary-repeats-tag", severity="warning")
def outlooks_add_to_their_tag(ctx: Context) -> Iterator[Finding]:
    """A cause's `in_short.outlook` that opens with its seriousness tag's words (the page shows the
    tag just before it: "Usually harmless. Harmless, and...")."""
    for cause in ctx.kb.causes:
        if cause.in_short is None:
            continue
        tag = SERIOUSNESS_LABEL[cause.seriousness]
        said = {w for w in re.findall(r"[a-z]+", tag.lower()) if len(w) > 3 and w != "usually"}
        first = re.match(r"[A-Za-z]+", cause.in_short.outlook)
        if first and first.group(0).lower() in said:
            yield Finding(
                cause,
                ("in_short", "outlook"),
                f"{label(cause)}: in_short.outlook opens with '{first.group(0)}', which its tag '{tag}' already "
                "says just before it - start with what the tag does not say (how common, how long, what helps)",
            )


@check("sign-group-tier")
def groups_share_a_tier(ctx: Context) -> Iterator[Finding]:
    """A sign group whose signs have different tiers (its box shows one tier)."""
    members: dict[str, list[m.WarningSign]] = {}
    for sign in ctx.kb.signs:
        if sign.group:
            members.setdefault(sign.group, []).append(sign)
    for sign_group in ctx.kb.sign_groups:
        tiers = {s.urgency for s in members.get(sign_group.id, [])}
        if len(tiers) > 1:
            yield Finding(
                sign_group,
                ("id",),
                f"sign group '{sign_group.id}' holds signs of tiers {', '.join(sorted(tiers))} - one box shows one tier",
            )
