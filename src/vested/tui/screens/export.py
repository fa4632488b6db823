"""The export dialog: where to write the conversation as Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

if TYPE_CHECKING:
    from textual.app import ComposeResult


class ExportScreen(ModalScreen[Path | None]):
    """Proposes a file name; dismisses with the chosen path, or None on Esc."""

    CSS_PATH = "export.tcss"
    AUTO_FOCUS = "#export-path"
    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel", id="export-cancel")]

    def __init__(self, proposed: Path):
        super().__init__()
        self.proposed = proposed

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export the conversation"
            yield Static(
                "Markdown with every question, answer, source and suggestion. Write it to:",
                id="export-help",
            )
            path_input = Input(str(self.proposed), id="export-path", select_on_focus=False)
            path_input.cursor_blink = getattr(self.app, "blink", True)
            yield path_input
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def _export(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self.notify("Type a file name to export to.", severity="warning")
            return
        self.dismiss(Path(value))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
