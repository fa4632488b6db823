"""The scrolling transcript of questions and answers.

It follows the conversation only while the user is at the bottom: reading higher up is
never interrupted by an answer arriving; a long answer is shown from its question down
rather than from its last line.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget

from vested.tui.widgets.answer_card import PendingLine, QuestionLine


class Transcript(VerticalScroll, can_focus=False):
    """Questions, pending lines and answer cards, oldest first."""

    def at_bottom(self) -> bool:
        return self.scroll_y >= self.max_scroll_y - 1

    def add_question(self, question: str) -> PendingLine:
        """Show the question and a pending line; the user asked, so scroll to them."""
        pending = PendingLine()
        self.mount_all([QuestionLine(question), pending])
        self.scroll_end(animate=False)
        return pending

    def answer(self, pending: PendingLine | None, widget: Widget) -> bool:
        """Put widget where pending was (or at the end); False if the user was reading above."""
        following = self.at_bottom()
        if pending is not None and pending.is_attached:
            self.mount(widget, after=pending)
            pending.remove()
        else:
            self.mount(widget)
        if following:
            anchor = self._question_before(widget) or widget
            self.scroll_to_widget(anchor, top=True, animate=True, duration=0.15)
        return following

    def _question_before(self, widget: Widget) -> QuestionLine | None:
        children = list(self.children)
        index = children.index(widget) if widget in children else len(children)
        for child in reversed(children[:index]):
            if isinstance(child, QuestionLine):
                return child
            if not isinstance(child, PendingLine):
                return None
        return None
