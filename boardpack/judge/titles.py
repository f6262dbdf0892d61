"""The deck's generated sentences: each slide's title and summary, and the written executive summary.

A title states the slide's finding from the figures; the topic is kept for the kicker above it, and is
the title only when no candidate holds (a slide with no figure to speak of) or the lead silenced it. The
lead's notes win: `## <slide>.title`, `## <slide>.summary`, `## summary.<part>` replace a sentence, and
a body of `-` silences it. Every sentence is kept, in the order the deck shows them, for review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateError
from markupsafe import Markup

from boardpack.i18n import N_
from boardpack.inputs.report import make_problem, quoted
from boardpack.judge.findings import SUMMARY_PARTS, Candidate, Findings, FindingsError
from boardpack.judge.sentence import Sentence
from boardpack.judge.writer import Filler

EXECUTIVE = "summary"  # the slide that carries the written executive summary


def plain(html: str) -> str:
    """A lead's note (markdown rendered as html) as the plain text a title or a listing shows."""
    return " ".join(Markup(html).striptags().split())


@dataclass
class SlideWords:
    """What one slide says: its title (a finding, the lead's, or the topic) and its summary sentences."""

    title: Sentence
    summary: tuple[Sentence, ...] = ()
    silenced: tuple[str, ...] = ()  # keys the lead silenced, for the listing


@dataclass
class DeckWriter:
    """Writes each slide's words once, on demand, from the findings, the figures and the lead's notes."""

    findings: Findings
    filler: Filler
    overrides: dict[str, str | None] = field(default_factory=dict)
    written: dict[str, SlideWords] = field(default_factory=dict)

    def _fail(self, where: str, exc: Exception) -> FindingsError:
        message = N_("{where}: {error}; expected a template that can be evaluated on every period's figures")
        error = quoted(str(exc) or type(exc).__name__, 120)
        return FindingsError([make_problem(self.findings.source, None, None, message, where=where, error=error)])

    def _first(self, candidates: tuple[Candidate, ...], where: str) -> Candidate | None:
        for index, candidate in enumerate(candidates, start=1):
            try:
                if self.filler.holds(candidate.when):
                    return candidate
            except (TemplateError, ArithmeticError, TypeError, ValueError, KeyError, AttributeError) as exc:
                raise self._fail(f"{where}, candidate {index}", exc) from None
        return None

    def _fill(self, key: str, template: str, where: str) -> Sentence:
        try:
            return self.filler.sentence(key, template)
        except (TemplateError, ArithmeticError, TypeError, ValueError, KeyError, AttributeError) as exc:
            raise self._fail(where, exc) from None

    def _lead(self, key: str) -> tuple[bool, Sentence | None]:
        """Whether the lead wrote this key, and the sentence (None when silenced)."""
        if key not in self.overrides:
            return False, None
        html = self.overrides[key]
        return True, (Sentence(key, plain(html), source="note", html=html) if html is not None else None)

    def slide(self, slide_id: str, topic: str) -> SlideWords:
        """The slide's title and summary; the topic as title when nothing holds or the lead silenced it."""
        if slide_id in self.written:
            return self.written[slide_id]
        title_key, summary_key = f"{slide_id}.title", f"{slide_id}.summary"
        candidate = self._first(self.findings.slides.get(slide_id, ()), f"slides.{slide_id}")
        silenced: list[str] = []
        written, title = self._lead(title_key)  # a silenced title is the topic, listed as replaced
        if title is None:
            title = Sentence(title_key, topic, source="topic")
            if not written and candidate is not None and candidate.title:
                title = self._fill(title_key, candidate.title, f"slides.{slide_id}")
        written, lead_summary = self._lead(summary_key)
        if written:
            summary = (lead_summary,) if lead_summary else ()
            silenced += [] if lead_summary else [summary_key]
        else:
            summary = tuple(
                self._fill(summary_key, text, f"slides.{slide_id}") for text in (candidate.summary if candidate else ())
            )
        words = SlideWords(title, tuple(s for s in summary if s.text), tuple(silenced))
        if slide_id == EXECUTIVE:
            parts, quiet = self._executive()
            words = SlideWords(title, (*words.summary, *parts), (*words.silenced, *quiet))
        self.written[slide_id] = words
        return words

    def _executive(self) -> tuple[tuple[Sentence, ...], tuple[str, ...]]:
        """The written executive summary: what happened, why, what is being done, what the board is asked."""
        parts: list[Sentence] = []
        silenced: list[str] = []
        for part in SUMMARY_PARTS:
            key = f"{EXECUTIVE}.{part}"
            written, lead = self._lead(key)
            if written:
                parts += [lead] if lead else []
                silenced += [] if lead else [key]
                continue
            candidate = self._first(self.findings.summary.get(part, ()), f"summary.{part}")
            if candidate is not None and candidate.text:
                sentence = self._fill(key, candidate.text, f"summary.{part}")
                parts += [sentence] if sentence.text else []
        return tuple(parts), tuple(silenced)

    def keys(self) -> dict[str, tuple[str, ...]]:
        """The sentence keys each slide with findings can carry, for checking the lead's headings."""
        known = {slide_id: (f"{slide_id}.title", f"{slide_id}.summary") for slide_id in self.findings.slides}
        known[EXECUTIVE] = (*known.get(EXECUTIVE, ()), *(f"{EXECUTIVE}.{part}" for part in SUMMARY_PARTS))
        return known


def sentence_keys(slide_ids: list[str], findings: Findings) -> dict[str, tuple[str, ...]]:
    """The keys of the sentences a deck of these slides generates, by slide: what notes.md may name."""
    known = {
        slide_id: (f"{slide_id}.title", f"{slide_id}.summary") for slide_id in slide_ids if slide_id in findings.slides
    }
    if EXECUTIVE in known:
        known[EXECUTIVE] = (f"{EXECUTIVE}.title", *(f"{EXECUTIVE}.{part}" for part in SUMMARY_PARTS))
    return known


def unknown_keys(notes: Any, source: str, known: dict[str, tuple[str, ...]]) -> list[Any]:
    """Headings of notes.md that name a slide's sentence this deck does not generate (`retention.titel`,
    a slide the deck leaves out): each a problem at its line, with the keys it could have named."""
    problems = []
    for key in notes.overrides:
        slide_id = key.split(".", 1)[0]
        line = notes.lines.get(key)
        if slide_id == "step" or any(key in keys for keys in known.values()):
            continue
        if slide_id in known:
            message = N_("heading '{key}' names no sentence this deck generates; expected one of {expected}")
            expected = ", ".join(known[slide_id])
            problems.append(make_problem(source, line, None, message, key=quoted(key), expected=expected))
        else:
            message = N_(
                "heading '{key}' names a slide this deck does not show; expected a slide of the deck: {slides}"
            )
            slides = ", ".join(known)
            problems.append(make_problem(source, line, None, message, key=quoted(key), slides=slides))
    return problems


def listing_entry(kind: str, slide_id: str, sentence: Sentence, replaced: bool) -> dict[str, Any]:
    """One generated sentence as the review listing and the metrics JSON show it."""
    return {
        "key": sentence.key,
        "slide": slide_id,
        "kind": kind,
        "source": sentence.source,
        "replaced": replaced,
        "text": sentence.text,
        "figures": [{"what": what, "value": value} for what, value in sentence.figures],
    }
