"""What the chat can offer besides free questions: topics, calculators, walkthroughs.

The welcome panel, the command palette and the help screen all list these; building the
lists once, from the knowledge base and the registries, keeps the three in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from vested.calculate.questions import EXAMPLE_QUESTIONS

if TYPE_CHECKING:
    from vested.knowledge.loader import KnowledgeBase

# Tags that are acronyms or names read oddly when merely capitalised.
_TOPIC_WORDS = {
    "rmd": "RMDs",
    "rmds": "RMDs",
    "hce": "HCE",
    "erisa": "ERISA",
    "ira": "IRA",
    "iras": "IRAs",
    "roth": "Roth",
    "qdro": "QDRO",
    "401k": "401(k)",
    "faq": "FAQ",
}


def topic_label(tag: str) -> str:
    """'rmd' -> 'RMDs', 'job-change' -> 'Job change', 'roth' -> 'Roth'."""
    words = tag.replace("_", "-").split("-")
    labelled = [_TOPIC_WORDS.get(word, word) for word in words]
    first = labelled[0]
    if first == words[0]:
        first = first[:1].upper() + first[1:]
    return " ".join([first, *labelled[1:]])


@dataclass(frozen=True)
class Topic:
    tag: str
    label: str
    count: int


@dataclass(frozen=True)
class CalculatorItem:
    """A calculator as its card shows it: a question in plain words to try (`example`) and
    the `vested calc` command line (`command`); `inputs` is (label, required) per input."""

    name: str
    title: str
    description: str
    example: str | None
    command: str | None
    inputs: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class WalkthroughItem:
    name: str
    title: str
    description: str


@dataclass(frozen=True)
class Catalog:
    topics: list[Topic]
    calculators: list[CalculatorItem]
    walkthroughs: list[WalkthroughItem]

    def calculator(self, name: str) -> CalculatorItem | None:
        return next((item for item in self.calculators if item.name == name), None)

    def walkthrough(self, name: str) -> WalkthroughItem | None:
        return next((item for item in self.walkthroughs if item.name == name), None)

    def tool_title(self, tool: str) -> str | None:
        """The title of what made a calculation: a calculator or a walkthrough."""
        item = self.calculator(tool) or self.walkthrough(tool)
        return item.title if item else None


def _calculators() -> list[CalculatorItem]:
    from vested.calculate import registry

    items = []
    for spec in registry().values():
        commands = [example for example in spec.examples if example.startswith("vested ")]
        questions = [example for example in spec.examples if not example.startswith("vested ")]
        items.append(
            CalculatorItem(
                name=spec.name,
                title=spec.title,
                description=spec.description,
                example=EXAMPLE_QUESTIONS.get(spec.name) or (questions[0] if questions else None),
                command=commands[0] if commands else None,
                inputs=tuple(
                    (info.title or field_name.replace("_", " "), info.is_required())
                    for field_name, info in spec.inputs.model_fields.items()
                ),
            )
        )
    return items


def _walkthroughs() -> list[WalkthroughItem]:
    """The guided walkthroughs, read from vested.walkthroughs.registry() once it exists.

    The package is built separately (issue 6); until it offers a registry the welcome
    panel and the palette simply have no walkthroughs to list.
    """
    try:
        module = import_module("vested.walkthroughs")
        registry = getattr(module, "registry", None)
        flows = registry() if registry is not None else {}
    except Exception:  # a broken walkthrough must not keep the chat from starting
        return []
    return [
        WalkthroughItem(
            name=name,
            title=getattr(flow, "title", name),
            description=getattr(flow, "description", ""),
        )
        for name, flow in flows.items()
    ]


def build_catalog(kb: KnowledgeBase) -> Catalog:
    topics = [Topic(tag, topic_label(tag), len(entries)) for tag, entries in kb.topics.items()]
    return Catalog(topics=topics, calculators=_calculators(), walkthroughs=_walkthroughs())
