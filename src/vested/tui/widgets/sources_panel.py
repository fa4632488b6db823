"""The sources panel: every citation of the selected answer, in full.

For each citation: the source's title and as-of year, its id, the section and paragraph,
the quoted excerpt, and, when the source texts are available (--sources or
$VESTED_SOURCES), the whole paragraph with the quote highlighted in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from vested.core.answer import Answer, SourceRef

ParagraphLookup = Callable[[str, str, int | None], str | None]

NO_SOURCES = {
    "faq": "This answer has no citations.",
    "calculation": "This calculation cites no source.",
    "clarify": "Once I have the missing detail the answer will cite its sources.",
    "fallback": "Nothing to cite: this question is outside what my sources cover.",
}


def highlighted_paragraph(paragraph: str, quote: str) -> Content:
    """The paragraph as one flowing block, the quoted words picked out in it."""
    # Imported here: the knowledge package loads pydantic, which the first paint can skip.
    from vested.knowledge.source_text import normalize_space

    text = normalize_space(paragraph)
    content = Content(text)
    wanted = normalize_space(quote)
    if not wanted:
        return content
    start = text.find(wanted)
    if start < 0:
        start = text.lower().find(wanted.lower())
    if start < 0:
        return content
    return content.stylize("bold $text-accent", start, start + len(wanted))


class Citation(Static):
    """One citation of the selected answer, in full."""

    def __init__(self, number: int, source: SourceRef, paragraph: str | None):
        self.number = number
        super().__init__(self._content(number, source, paragraph), classes="citation")

    @staticmethod
    def _content(number: int, source: SourceRef, paragraph: str | None) -> Content:
        where = " · ".join(
            part
            for part in (
                source.section.lstrip("# ") if source.section else "",
                f"¶{source.paragraph}" if source.paragraph else "",
            )
            if part
        )
        parts: list[Content | str | tuple[str, str]] = [
            Content.from_markup(
                "[b $text-accent]\\[$number][/] [b]$title[/b]\n",
                number=str(number),
                title=source.title,
            ),
            (f"{source.source}{f' · as of {source.as_of}' if source.as_of else ''}\n", "dim"),
        ]
        if where:
            parts.append((f"{where}\n", "italic"))
        if source.quote:
            parts.append(Content.from_markup("“$quote”\n", quote=source.quote))
        if paragraph:
            parts.append("\n")
            parts.append(highlighted_paragraph(paragraph, source.quote))
        return Content.assemble(*parts)


class SourcesPanel(VerticalScroll):
    """Follows the selected answer; empty until the first answer arrives."""

    can_focus = True

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.border_title = "Sources"
        self.answer: Answer | None = None
        self.texts_available = False

    def on_mount(self) -> None:
        self.mount(Static("Citations of the selected answer appear here.", classes="sources-empty"))

    def show_answer(self, answer: Answer | None, lookup: ParagraphLookup) -> None:
        """Replace the panel's content with the citations of answer."""
        self.answer = answer
        self.remove_children()
        widgets: list[Static] = []
        if answer is None:
            widgets.append(Static("Citations of the selected answer appear here.", classes="sources-empty"))
        else:
            widgets.append(Static(Content.from_markup("[b]$q[/b]", q=answer.question), classes="sources-question"))
            if not answer.sources:
                widgets.append(Static(NO_SOURCES[answer.kind], classes="sources-empty"))
            paragraphs_missing = False
            for number, source in enumerate(answer.sources, 1):
                paragraph = lookup(source.source, source.section, source.paragraph)
                if paragraph is None and source.paragraph is not None:
                    paragraphs_missing = True
                widgets.append(Citation(number, source, paragraph))
            if paragraphs_missing and not self.texts_available:
                widgets.append(
                    Static(
                        "Start with --sources DIR (or set $VESTED_SOURCES) to read each cited paragraph in full.",
                        classes="sources-tip",
                    )
                )
        self.mount_all(widgets)
        self.scroll_home(animate=False)

    def reveal(self, number: int) -> None:
        """Scroll citation `number` into view and mark it."""
        for citation in self.query(Citation):
            citation.set_class(citation.number == number, "-current")
            if citation.number == number:
                self.scroll_to_widget(citation, top=True, animate=False)
