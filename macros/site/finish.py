"""Finishing each page after its macros ran: its collapsed source list, review dates (in
words, with the ISO date for machines) and its schema.org JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import yaml
from dateutil.relativedelta import relativedelta

from macros.kb.views import Views
from macros.render.citations import Citer, source_list
from macros.render.links import record_name, words_only
from macros.render.markdown import url, words_date
from macros.site.state import PageState

DEFAULT_REVIEW_MONTHS = 12


def review_months(config: Any) -> int:
    """Months between editorial reviews (mkdocs.yml extra.review_interval_months)."""
    return int((config.get("extra") or {}).get("review_interval_months", DEFAULT_REVIEW_MONTHS))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months (clamped to the month's last day)."""
    return day + relativedelta(months=months)


def finish_page(env: Any) -> None:
    """After a page's macros ran: append its references and tooltips; set review and JSON-LD meta."""
    state: PageState | None = env.variables.get("ta_state")
    if state is None or env.page is None:
        return
    here = env.page.file.src_uri
    citer = state.for_page(here)
    views = state.views
    markdown = env.markdown
    listing = source_list(citer, url(here, "references.md"))
    if listing:
        markdown += "\n\n" + listing
    env.markdown = markdown
    dump = os.environ.get("TA_DUMP_MARKDOWN")  # benchmarks: the page as plain Markdown, macros done
    if dump:
        target = Path(dump) / here
        target.parent.mkdir(parents=True, exist_ok=True)
        # The page's own front matter (title, description, search boost) is part of the page;
        # what our macros add below (review dates, JSON-LD) is not.
        own = {k: v for k, v in env.page.meta.items() if not k.startswith("ta_")}
        front = f"---\n{yaml.safe_dump(own, allow_unicode=True, sort_keys=False)}---\n\n" if own else ""
        target.write_text(front + markdown, encoding="utf-8")
    meta = env.page.meta
    fallback = meta.get("reviewed")
    dates = [d for d in (citer.oldest, _as_date(fallback)) if d]
    if dates:
        last = min(dates)
        due = add_months(last, review_months(env.conf))
        meta["ta_last_reviewed"], meta["ta_last_reviewed_words"] = last.isoformat(), words_date(last)
        meta["ta_next_review"], meta["ta_next_review_words"] = due.isoformat(), words_date(due)
    meta["ta_jsonld"] = json_ld(env, citer, views)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def json_ld(env: Any, citer: Citer, views: Views) -> str:
    """The page's schema.org MedicalWebPage (and FAQPage on the FAQ page), as safe JSON text."""
    page = env.page
    site_url = (env.conf.get("site_url") or "").rstrip("/")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title or env.conf.get("site_name"),
        "inLanguage": "en",
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
        "citation": [
            {"@type": "CreativeWork", "name": s.title, "publisher": s.publisher, "url": s.link}
            for s in citer.cited_sources()
        ],
    }
    if site_url:
        data["url"] = f"{site_url}/{page.url}"
    if page.meta.get("ta_last_reviewed"):
        data["lastReviewed"] = page.meta["ta_last_reviewed"]
    about = _about(page.file.src_uri, views)
    if about:
        data["about"] = about
    graph: list[dict[str, Any]] = [data]
    if page.file.src_uri == "faqs.md":
        name = record_name(views.kb)
        graph.append(
            {
                "@type": "FAQPage",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": f.question,
                        "acceptedAnswer": {"@type": "Answer", "text": words_only(f.answer, name)},
                    }
                    for f in views.kb.faqs
                ],
            }
        )
    payload = graph[0] if len(graph) == 1 else {"@context": "https://schema.org", "@graph": graph}
    # "</" inside a script element would end it early: escape it.
    return json.dumps(payload, ensure_ascii=False).replace("</", "<\\/")


def _about(src: str, views: Views) -> dict[str, Any] | None:
    """What an entity page is about, in schema.org terms."""
    folder, _, name = src.partition("/")
    record_id = name.removesuffix(".md")
    if folder == "causes" and record_id in views.causes:
        return {"@type": "MedicalCondition", "name": views.causes[record_id].name}
    if folder == "roots" and record_id in views.roots:
        return {"@type": "AnatomicalStructure", "name": f"{views.roots[record_id].label} nerve root"}
    if folder == "body-areas" and record_id in views.regions:
        return {"@type": "AnatomicalStructure", "name": views.regions[record_id].name}
    return {"@type": "MedicalSignOrSymptom", "name": "Fasciculation (muscle twitching)"}
