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
    """Questions, pending lines and answer cards, oldest first.

    `following` is true while the view is at the bottom and false once the user scrolls
    up; asking a question turns it back on. It is tracked from scroll movements rather
    than read from the position when an answer lands, because a quick answer can land
    before the scroll to the question has happened.
    """

    following = True

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        at_bottom = new_value >= self.max_scroll_y - 1
        if at_bottom:
            self.following = True
        elif new_value < old_value:
            self.following = False

    def add_question(self, question: str) -> PendingLine:
        """Show the question and a pending line; the user asked, so scroll to them."""
        self.following = True
        pending = PendingLine()
        self.mount_all([QuestionLine(question), pending])
        self.scroll_end(animate=False)
        return pending

    async def answer(self, pending: PendingLine | None, widget: Widget) -> bool:
        """Put widget where pending was (or at the end); False if the user was reading above.

        The mount is awaited so the answer's Markdown blocks exist before scrolling: the
        scroll then lands on the laid-out answer, not on its empty shell.
        """
        following = self.following
        if pending is not None and pending.is_attached:
            await self.mount(widget, after=pending)
            await pending.remove()
        else:
            await self.mount(widget)
        if following:
            anchor = self._question_before(widget) or widget
            self.call_after_refresh(self._show_from, anchor)
        return following

    def follow(self, widget: Widget | None = None) -> None:
        """Follow the conversation again: show widget from its top once laid out, or the end."""
        self.following = True
        if widget is None:
            self.call_after_refresh(self.scroll_end, animate=False)
        else:
            self.call_after_refresh(self._show_from, widget)

    def _show_from(self, anchor: Widget) -> None:
        """Scroll anchor to the top (as far as the content allows), once laid out."""
        self.scroll_to_widget(anchor, top=True, animate=True, duration=0.15)

    def _question_before(self, widget: Widget) -> QuestionLine | None:
        children = list(self.children)
        index = children.index(widget) if widget in children else len(children)
        for child in reversed(children[:index]):
            if isinstance(child, QuestionLine):
                return child
            if not isinstance(child, PendingLine):
                return None
        return None
