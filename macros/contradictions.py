"""Contradiction rules: prose claims compared with the knowledge base and with each other.

Every rule id contains ``conflict``. A claim is wrong only when the stored fact, including
the alternatives it records with their sources, leaves no room for it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from macros import cache
from macros import models as m
from macros.background import Forked
from macros.cache import DiskCache
from macros.checks import Context, Finding, PageFinding, check, head_start, records_of
from macros.claims import (
    Claim,
    Sentence,
    SentenceLines,
    Vocabulary,
    claims,
    markdown_sentences,
    record_sentences,
)
from macros.load import Origin, origin
from macros.views import Views

#: Allowed distance, in percentage points, between a stated and a stored percentage.
PERCENT_TOLERANCE = 2.0


class Facts:
    """What the knowledge base allows, per root (its lookups come from macros.views)."""

    def __init__(self, kb: m.KnowledgeBase) -> None:
        views = Views(kb)
        self.roots = views.roots
        self.muscles = views.muscles
        self.regions = views.regions

    def alternatives(self, root: m.Root, field: str) -> set[str]:
        """Values a root's recorded alternatives allow for a field."""
        return {v for a in root.alternatives if a.field == field for v in a.values}

    def motor(self, root: m.Root) -> tuple[set[str], set[str]]:
        """(regions, muscles) where trouble at the root can show as twitching or weakness."""
        muscles = set(root.key_muscles) | self.alternatives(root, "key_muscles")
        regions = set(root.twitch_regions) | self.alternatives(root, "twitch_regions")
        regions |= {self.muscles[x].region for x in muscles if x in self.muscles}
        return regions, muscles

    def sensory(self, root: m.Root) -> set[str]:
        """Regions in the root's skin area."""
        return set(root.sensory_regions) | self.alternatives(root, "sensory_regions")

    def covers(self, root_ids: tuple[str, ...], value: str, kind: str) -> bool:
        """True when any root of the group allows the claimed regions or muscles."""
        targets = [part.split(":", 1) for part in value.split(",") if ":" in part]
        either = value.endswith(",either")
        for rid in root_ids:
            root = self.roots.get(rid)
            if root is None:
                return True  # a root we hold no data for (L1, S3...): nothing to compare with
            regions, muscles = self.motor(root)
            sensory = self.sensory(root)
            for target_kind, target in targets:
                in_motor = target in muscles if target_kind == "muscle" else target in regions
                in_sensory = target_kind == "region" and target in sensory
                if (in_motor and kind == "root-region") or (in_sensory and (kind == "root-sensory" or either)):
                    return True
                if either and in_motor:
                    return True
        return False


def _where(root: m.Root, field: str) -> str:
    place = origin(root)
    return f"{place.path}:{place.line_of(field)}" if place else "data/roots.yaml"


def _names(ids: list[str] | set[str], table: dict[str, m.Region]) -> str:
    return ", ".join(table[i].name.lower() for i in sorted(ids) if i in table) or "none"


def _quote(sentence: Sentence) -> str:
    text = sentence.text
    return f"'{text if len(text) <= 90 else text[:87] + '...'}'"


# --- Gathering every claim once ----------------------------------------------------------------


def prose_units(ctx: Context) -> Iterator[tuple[str, str, Iterator[Sentence], Callable[[Sentence], int]]]:
    """(file, its text, its sentences, the line of one of them) for every file with prose: pages,
    then data files.

    A file's sentences depend on its own text alone, so claims can be stored per file.
    """
    for path, text in ctx.pages.items():
        yield path, text, markdown_sentences(path, text), _own_line
    by_file: dict[str, list[tuple[m.Model, Origin]]] = {}
    for record in (r for key in _PROSE_SECTIONS for r in records_of(ctx.kb, key)):
        place = origin(record)
        if place is not None:
            by_file.setdefault(place.path, []).append((record, place))
    for path, located in by_file.items():
        doc = located[0][1].doc
        ids = ",".join(str(getattr(record, "id", "")) for record, _ in located)
        sentences = (s for record, place in located for s in record_sentences(record, path, place.line_of))
        yield path, f"{doc.text}\x00{ids}", sentences, SentenceLines(doc.text)


def _own_line(sentence: Sentence) -> int:
    return sentence.line  # a page's sentences are read line by line: each knows its line


_PROSE_SECTIONS = (
    "causes",
    "signs",
    "faqs",
    "glossary",
    "comparisons",
    "regions",
    "muscles",
    "nerves",
    "deficits",
    "roots",
    "figures",
)


@dataclass
class _Unit:
    """One file's share of the claims: its stored rows, or the sentences to read for them."""

    path: str
    size: int  # characters of prose to read, to share the work evenly
    entry: str  # cache keys: the file's claims, and its claims sentence by sentence
    by_sentence: str
    sentences: Iterator[Sentence]
    line: Callable[[Sentence], int]  # where a sentence that makes a claim is written
    rows: list[list[object]] | None
    known: dict[str, list[list[object]]]


def all_claims(ctx: Context) -> list[Claim]:
    """Every claim of every sentence (computed once per check run, kept on the context).

    Extraction is the slow part of a check, so each file's claims are stored on disk
    (macros.cache) under its text and the vocabulary: only edited files are read again. With
    ``ctx.helpers`` a second process reads most of the files, started before the rules run.
    """
    if "claims" not in ctx.memo:
        started = ctx.memo.pop("claims-started", None)
        reading = started or _Reading(ctx, helper_share=HELPER_SHARE if ctx.helpers else 0.0)
        ctx.memo["claims"] = reading.finish()
    return ctx.memo["claims"]


@head_start
def start_claims(ctx: Context) -> None:
    """Give a second process its share of the files to read for claims while this one runs the
    other rules (it then reads the rest: HELPER_SHARE of the prose goes to the helper)."""
    if "claims" not in ctx.memo and "claims-started" not in ctx.memo:
        ctx.memo["claims-started"] = _Reading(ctx, helper_share=HELPER_SHARE)


#: The share of the prose (by size) a helper process reads: this one also builds the vocabulary
#: and runs the other rules meanwhile, about as much work as a third of the claims (10x data).
HELPER_SHARE = 0.75


class _Reading:
    """Claim extraction under way: the files to read, and the helper reading some of them."""

    def __init__(self, ctx: Context, helper_share: float) -> None:
        self.units: list[_Unit] = []
        self.stored: DiskCache | None = None
        self.helper: Forked | None = None
        self.ours: list[int] = []
        self.theirs: list[int] = []
        if ctx.kb.lexicon is None or not ctx.readable("lexicon"):
            return
        self.vocab = vocab = Vocabulary(ctx.kb)
        self.stored = stored = DiskCache(ctx.root, "claims") if ctx.root else None
        for path, text, sentences, line in prose_units(ctx):
            entry = cache.key("claims", path, text, vocab.fingerprint)
            by_sentence = cache.key("claims-by-sentence", path, vocab.fingerprint)
            rows, known = (stored.get(entry), stored.get(by_sentence)) if stored else (None, None)
            known = known if isinstance(known, dict) else {}
            self.units.append(_Unit(path, len(text), entry, by_sentence, sentences, line, rows, known))
        todo = [i for i, u in enumerate(self.units) if u.rows is None]
        # One file to read (an edit): a second process would cost more than it saves.
        share = helper_share if len(todo) >= 2 else 0.0
        self.ours, self.theirs = _shares(todo, [self.units[i].size for i in todo], share)
        if self.theirs:
            units, theirs = self.units, self.theirs
            self.helper = Forked(lambda: [_claims_reusing(units[i], vocab) for i in theirs])

    def finish(self) -> list[Claim]:
        """Every claim: this process reads its share, then takes the helper's."""
        if not self.units:
            return []
        found = {i: _claims_reusing(self.units[i], self.vocab) for i in self.ours}
        if self.helper is not None:
            found.update(zip(self.theirs, self.helper.result(), strict=True))
        for i, (rows, known) in found.items():
            self.units[i].rows, self.units[i].known = rows, known
        if self.stored is not None:
            for unit in self.units:  # both kept for the next run
                self.stored.put(unit.entry, unit.rows)
                self.stored.put(unit.by_sentence, unit.known)
            self.stored.save()
        return [_load(u.path, row) for u in self.units for row in u.rows or []]


def _shares(items: list[int], sizes: list[int], helper_share: float) -> tuple[list[int], list[int]]:
    """(ours, theirs): items split so that theirs holds about ``helper_share`` of the sizes,
    largest first, each to the share furthest below its part."""
    ours: list[int] = []
    theirs: list[int] = []
    if helper_share <= 0:
        return list(items), []
    if helper_share >= 1:
        return [], list(items)
    parts = (1.0 - helper_share, helper_share)
    held = [0, 0]
    for item, size in sorted(zip(items, sizes, strict=True), key=lambda pair: -pair[1]):
        share = 0 if held[0] / parts[0] < held[1] / parts[1] else 1
        (ours, theirs)[share].append(item)
        held[share] += size
    return sorted(ours), sorted(theirs)


def _claims_reusing(unit: _Unit, vocab: Vocabulary) -> tuple[list[list[object]], dict[str, list[list[object]]]]:
    """A file's claims, reading again only the sentences that are new since its last version
    (an edit to one answer of a long file re-reads that answer alone)."""
    rows: list[list[object]] = []
    seen: dict[str, list[list[object]]] = {}
    known = unit.known
    for sentence in unit.sentences:
        digest = hashlib.blake2b(sentence.text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
        # Only the last version's sentences are reused, not repeats within this one: a real file
        # seldom repeats a sentence, and the benchmark's copied records would flatter a cold run.
        found = known[digest] if digest in known else [_dump(c)[:4] for c in claims(sentence, vocab)]
        seen[digest] = found
        if found:
            line = unit.line(sentence)
            rows += [[*row, line, sentence.text] for row in found]
    return rows, seen


def _dump(claim: Claim) -> list[object]:
    return [claim.kind, list(claim.subject), claim.value, claim.phrase, claim.sentence.line, claim.sentence.text]


def _load(path: str, row: list[object]) -> Claim:
    kind, subject, value, phrase, line, text = row
    return Claim(kind, tuple(subject), value, phrase, Sentence(path, line, text))  # type: ignore[arg-type]


def _finding(claim: Claim, message: str) -> PageFinding:
    return PageFinding(claim.sentence.path, claim.sentence.line, f"{_quote(claim.sentence)} {message}")


# --- Prose rules ---------------------------------------------------------------------------------------


@check("root-region-conflict")
def root_regions(ctx: Context) -> Iterator[PageFinding]:
    """A sentence puts twitching or weakness from a root somewhere the root does not supply."""
    facts = facts_of(ctx)
    for claim in all_claims(ctx):
        if claim.kind == "root-region" and not facts.covers(claim.subject, claim.value, "root-region"):
            roots = [facts.roots[r] for r in claim.subject if r in facts.roots]
            labels = " or ".join(r.label for r in roots)
            allowed = "; ".join(
                f"{r.label}: {_names(facts.motor(r)[0], facts.regions)} ({_where(r, 'twitch_regions')})" for r in roots
            )
            owners = _owners(facts, claim.value)
            yield _finding(
                claim,
                f"puts '{claim.phrase}' twitching or weakness under {labels}, but the knowledge base has {allowed}"
                + (f"; '{claim.phrase}' belongs to {owners}" if owners else ""),
            )


def _owners(facts: Facts, value: str) -> str:
    """Roots whose motor territory includes the claimed target."""
    targets = [part.split(":", 1) for part in value.split(",") if ":" in part]
    owners = []
    for root in facts.roots.values():
        regions, muscles = facts.motor(root)
        if any((t in muscles) if k == "muscle" else (t in regions) for k, t in targets):
            owners.append(root.label)
    return ", ".join(owners)


@check("root-sensory-conflict")
def root_sensory(ctx: Context) -> Iterator[PageFinding]:
    """A sentence puts a root's numbness or tingling outside its skin area (dermatome)."""
    facts = facts_of(ctx)
    for claim in all_claims(ctx):
        if claim.kind == "root-sensory" and not facts.covers(claim.subject, claim.value, "root-sensory"):
            roots = [facts.roots[r] for r in claim.subject if r in facts.roots]
            allowed = "; ".join(
                f"{r.label}: {_names(facts.sensory(r), facts.regions)} ({_where(r, 'sensory_regions')})" for r in roots
            )
            yield _finding(
                claim,
                f"puts feeling in '{claim.phrase}' under {' or '.join(r.label for r in roots)}, but the skin areas in the knowledge base are {allowed}",
            )


def facts_of(ctx: Context) -> Facts:
    """The run's Facts, built once and shared by every rule."""
    if "facts" not in ctx.memo:
        ctx.memo["facts"] = Facts(ctx.kb)
    return ctx.memo["facts"]


def _unsupported(claim: Claim, facts: Facts, field: str) -> list[m.Root] | None:
    """The claim's roots when none of them allows the claimed value in ``field`` (else None)."""
    roots = [facts.roots[r] for r in claim.subject if r in facts.roots]
    if len(roots) < len(claim.subject):
        return None  # a root we hold no data for: nothing to compare with
    allowed = any(claim.value in set(getattr(r, field)) | facts.alternatives(r, field) for r in roots)
    return None if allowed else roots


@check("root-reflex-conflict")
def root_reflexes(ctx: Context) -> Iterator[PageFinding]:
    """A sentence ties a reflex to a root that is not tested by it."""
    facts = facts_of(ctx)
    for claim in all_claims(ctx):
        roots = _unsupported(claim, facts, "reflexes") if claim.kind == "root-reflex" else None
        if roots:
            shown = "; ".join(
                f"{r.label}: {', '.join(r.reflexes) or 'no routine reflex'} ({_where(r, 'reflexes')})" for r in roots
            )
            owners = ", ".join(r.label for r in facts.roots.values() if claim.value in r.reflexes)
            yield _finding(
                claim,
                f"ties the {claim.value.replace('-', ' ')} to {' or '.join(r.label for r in roots)}, but the knowledge base has {shown}; the {claim.value.replace('-', ' ')} tests {owners}",
            )


@check("root-deficit-conflict")
def root_deficits(ctx: Context) -> Iterator[PageFinding]:
    """A sentence ties a deficit (foot drop, weak heel walking...) to a root that does not cause it."""
    facts = facts_of(ctx)
    names = {d.id: d.name for d in ctx.kb.anatomy.deficits}
    for claim in all_claims(ctx):
        roots = _unsupported(claim, facts, "deficits") if claim.kind == "root-deficit" else None
        if roots:
            owners = ", ".join(r.label for r in facts.roots.values() if claim.value in r.deficits)
            yield _finding(
                claim,
                f"ties '{names.get(claim.value, claim.value).lower()}' to {' or '.join(r.label for r in roots)}, "
                f"but the knowledge base gives it to {owners or 'no root'} ({_where(roots[0], 'deficits')})",
            )


@check("nerve-supply-conflict")
def nerve_supply(ctx: Context) -> Iterator[PageFinding]:
    """A sentence says a nerve supplies a muscle or area whose muscles it does not supply."""
    facts = facts_of(ctx)
    nerves = {n.id: n for n in ctx.kb.anatomy.nerves}
    for claim in all_claims(ctx):
        if claim.kind != "nerve-supply":
            continue
        targets = [part.split(":", 1) for part in claim.value.split(",")]
        muscles = [
            x
            for kind, t in targets
            for x in (
                [facts.muscles[t]]
                if kind == "muscle" and t in facts.muscles
                else [y for y in facts.muscles.values() if kind == "region" and y.region == t]
            )
        ]
        if not muscles:
            continue  # an area with no muscles on record: nothing to compare with
        if not any(set(claim.subject) & set(x.nerves) for x in muscles):
            supplied_by = sorted({nerves[n].name for x in muscles for n in x.nerves if n in nerves})
            place = origin(muscles[0])
            at = f" ({place.path}:{place.line_of('nerves')})" if place else ""
            yield _finding(
                claim,
                f"says the {' or '.join(nerves[n].name for n in claim.subject if n in nerves)} supplies '{claim.phrase}', "
                f"but the knowledge base has it supplied by {', '.join(supplied_by) or 'other nerves'}{at}",
            )


def _percent_ok(low: float, high: float, stored: list[float]) -> bool:
    lo, hi = min(stored), max(stored)
    if low == high:
        return lo - PERCENT_TOLERANCE <= low <= hi + PERCENT_TOLERANCE
    return abs(low - lo) <= PERCENT_TOLERANCE and abs(high - hi) <= PERCENT_TOLERANCE


@check("figure-conflict")
def figures(ctx: Context) -> Iterator[PageFinding]:
    """A sentence gives a different percentage for a stored figure, or two pages disagree."""
    stored = {f.id: f for f in ctx.kb.figures}
    first: dict[str, tuple[Claim, float, float]] = {}
    for claim in all_claims(ctx):
        if claim.kind != "figure":
            continue
        low, high = (float(x) for x in claim.value.split("-"))
        for fid in claim.subject:
            figure = stored[fid]
            place = origin(figure)
            at = f"{place.path}:{place.line_of('value')}" if place else "data/figures.yaml"
            if figure.percent and not _percent_ok(low, high, figure.percent):
                yield _finding(
                    claim,
                    f"gives {claim.value.replace('-', ' to ') if low != high else f'{low:g}'}% for '{figure.quantity}', but the knowledge base says {figure.value} ({at})",
                )
            elif fid in first and abs(first[fid][1] - low) + abs(first[fid][2] - high) > PERCENT_TOLERANCE:
                other = first[fid][0].sentence
                yield _finding(
                    claim, f"gives a different figure for '{figure.quantity}' than {other.path}:{other.line}"
                )
            first.setdefault(fid, (claim, low, high))


@check("urgency-conflict")
def sign_urgency(ctx: Context) -> Iterator[PageFinding]:
    """A sentence gives a warning sign another urgency than its tier (a red flag called harmless...)."""
    signs = {s.id: s for s in ctx.kb.signs}
    order = m.URGENCY_ORDER.index
    for claim in all_claims(ctx):
        if claim.kind not in ("sign-urgency", "sign-symptom"):
            continue
        for sid in claim.subject:
            sign = signs[sid]
            place = origin(sign)
            at = f"{place.path}:{place.line_of('urgency')}" if place else "data/signs.yaml"
            if claim.kind == "sign-symptom" and sign.urgency == "emergency":
                yield _finding(
                    claim,
                    f"presents '{claim.phrase}' as an ordinary symptom, but '{sign.name}' is an emergency ({at}) - say it needs emergency care",
                )
            elif (
                claim.kind == "sign-urgency"
                and claim.value != sign.urgency
                and abs(order(claim.value) - order(sign.urgency)) >= 1
            ):
                if {claim.value, sign.urgency} <= {"emergency", "urgent"}:
                    continue  # both mean "act now or within days": wording, not a contradiction
                yield _finding(
                    claim,
                    f"calls '{sign.name}' '{claim.phrase}' ({claim.value}), but the knowledge base rates it {sign.urgency} ({at})",
                )


@check("seriousness-conflict")
def cause_seriousness(ctx: Context) -> Iterator[PageFinding]:
    """A sentence calls a serious cause harmless, or a harmless cause serious."""
    causes = {c.id: c for c in ctx.kb.causes}
    for claim in all_claims(ctx):
        if claim.kind != "cause-seriousness":
            continue
        for cid in claim.subject:
            cause = causes[cid]
            if {claim.value, cause.seriousness} == {"benign", "serious"}:
                place = origin(cause)
                at = f"{place.path}:{place.line_of('seriousness')}" if place else "data/causes.yaml"
                yield _finding(
                    claim,
                    f"calls {cause.name} '{claim.phrase}', but the knowledge base rates it {cause.seriousness} ({at})",
                )


# --- Data-level consistency -------------------------------------------------------------------------------


@check("figure-value-conflict")
def figures_agree(ctx: Context) -> Iterator[Finding]:
    """Two figure records for the same quantity (same wording or phrase) state different values."""
    seen: dict[str, m.Figure] = {}
    for figure in ctx.kb.figures:
        keys = {" ".join(figure.quantity.lower().split())} | {p.lower() for p in figure.phrases}
        for key in sorted(keys):
            other = seen.get(key)
            if (
                other is not None
                and other.id != figure.id
                and (other.value != figure.value or other.percent != figure.percent)
            ):
                place = origin(other)
                at = f" ({place.path}:{place.line})" if place else ""
                yield Finding(
                    figure,
                    ("value",),
                    f"figure '{figure.id}' and figure '{other.id}'{at} both describe '{key}' but give {figure.value} and {other.value} - keep one",
                )
                break
            seen.setdefault(key, figure)


@check("urgency-cause-conflict")
def sign_causes_agree(ctx: Context) -> Iterator[Finding]:
    """An emergency warning sign points to a cause rated harmless (benign)."""
    causes = {c.id: c for c in ctx.kb.causes}
    for sign in ctx.kb.signs:
        if sign.urgency != "emergency":
            continue
        for i, cid in enumerate(sign.causes):
            cause = causes.get(cid)
            if cause is not None and cause.seriousness == "benign":
                yield Finding(
                    sign,
                    ("causes", i),
                    f"emergency sign '{sign.id}' points to cause '{cid}', which is rated benign - one of them is wrong",
                )


@check("lexicon-conflict")
def phrases_unambiguous(ctx: Context) -> Iterator[Finding]:
    """No phrase names two different warning signs or two different figures."""
    for key, phrases_of in (("signs", lambda s: s.aliases), ("figures", lambda f: f.phrases)):
        owner: dict[str, str] = {}
        for record in records_of(ctx.kb, key):
            for i, phrase in enumerate(phrases_of(record)):
                word = phrase.lower()
                if word in owner and owner[word] != record.id:
                    field = "aliases" if key == "signs" else "phrases"
                    yield Finding(
                        record,
                        (field, i),
                        f"'{phrase}' already names {owner[word]} - a phrase may name only one record",
                    )
                owner.setdefault(word, record.id)
