"""``python -m macros report``: what editors should review next, as readable tables."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from macros.kb import models as m
from macros.kb.load import Loaded
from macros.kb.origin import origin
from macros.kb.sections import citations_of, fact_records, label
from macros.kb.views import Views
from macros.render.citations import Citer
from macros.render.pages import page_bodies
from macros.rules.readability import TARGET_GRADE, page_grades

DEFAULT_MONTHS = 12


def review_interval_months(root: Path) -> int:
    """extra.review_interval_months from mkdocs.yml (read as text: the file holds !ENV tags)."""
    config = root / "mkdocs.yml"
    found = (
        re.search(r"^\s*review_interval_months:\s*(\d+)", config.read_text(encoding="utf-8"), re.M)
        if config.exists()
        else None
    )
    return int(found.group(1)) if found else DEFAULT_MONTHS


def _at(record: m.Model) -> str:
    place = origin(record)
    return f"{place.path}:{place.line}" if place else "data"


def _table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]], empty: str) -> str:
    lines = [f"\n{title} ({len(rows)})", "=" * (len(title) + len(str(len(rows))) + 3)]
    if not rows:
        return "\n".join([*lines, empty])
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def build_report(loaded: Loaded, months: int, today: dt.date) -> str:
    """The whole report as text."""
    kb = loaded.kb
    views = Views(kb)
    due_before = (
        dt.date(today.year - (months // 12), today.month, min(today.day, 28))
        if months % 12 == 0
        else today - dt.timedelta(days=months * 30)
    )
    stale = sorted((r.reviewed.isoformat(), label(r), _at(r)) for r in fact_records(kb) if r.reviewed < due_before)
    kinds = {s.id: s.kind for s in kb.sources}
    cited: dict[str, int] = {}
    for record in fact_records(kb):
        for _, ref in citations_of(record):
            cited[ref.id] = cited.get(ref.id, 0) + 1
    never = [(s.id, s.kind, _at(s)) for s in kb.sources if s.id not in cited]
    with_web = [
        (label(r), ", ".join(x.id for x in r.sources if kinds.get(x.id) == "web-article"), _at(r))
        for r in fact_records(kb)
        if any(kinds.get(x.id) == "web-article" for x in r.sources)
    ]
    unused_terms = _unused_terms(loaded, views)
    grades = page_grades(loaded.kb, loaded.pages)
    grade_rows = [(f"{g.grade:.1f}" if g.grade is not None else "-", str(g.words), g.page) for g in grades]
    parts = [
        f"Twitch Atlas review report, {today.isoformat()} (review interval: {months} months, due before {due_before.isoformat()})",
        _table(
            "Facts due for review",
            ("reviewed", "record", "where"),
            stale,
            "None: every fact was reviewed within the interval.",
        ),
        _table("Sources never cited", ("source", "kind", "where"), never, "None."),
        _table(
            "Facts that also cite a web article (check the authoritative source carries the fact)",
            ("record", "web article", "where"),
            with_web,
            "None.",
        ),
        _table("Glossary terms never used on any page", ("term", "where"), unused_terms, "None."),
        _table(
            f"Pages by reading grade (aim for {TARGET_GRADE:g} or lower; warning above 9, error above 12)",
            ("grade", "words", "page"),
            grade_rows,
            "No pages.",
        ),
    ]
    return "\n".join(parts) + "\n"


def _unused_terms(loaded: Loaded, views: Views) -> list[tuple[str, str]]:
    """Glossary terms whose word (or an alias) appears on no page other than the glossary."""
    corpus = " ".join(
        str(body(src, Citer(views.sources)))
        for src, (_, body) in page_bodies(views).items()
        if src != "glossary.md"  # type: ignore[operator]
    )
    corpus += " " + " ".join(text for path, text in loaded.pages.items() if not path.endswith("glossary.md"))
    corpus = corpus.lower()
    unused = []
    for t in views.kb.glossary:
        words = [t.term, *t.aliases]
        if not any(re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", corpus) for w in words):
            unused.append((t.term, _at(t)))
    return unused
