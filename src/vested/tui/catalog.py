"""What the chat can offer besides free questions: topics, calculators, walkthroughs.

The welcome panel, the command palette and the help screen all list these; building the
lists once, from the knowledge base and the registries, keeps the three in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

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


# A question in plain words for each calculator, to try from its card in the chat (the
# registry's examples are `vested calc` command lines, shown beside it).
CHAT_EXAMPLES = {
    "loan_maximum": "I have $80,000 vested. How much can I borrow?",
    "loan_repayment": "What are the payments on a $20,000 401(k) loan at 5% over 5 years?",
    "indirect_rollover": "My $10,000 rollover was paid to me with 20% withheld. How much must I add?",
    "after_tax_basis_share": (
        "I have $25,000 of after-tax basis in a $150,000 account. How much of a $10,000 withdrawal is taxable?"
    ),
    "future_value": "If I save $8,800 a year at 6% for 30 years, how much will I have?",
    "employer_match": (
        "I earn $50,000 and defer 6%; the match is 100% of the first 3% and 50% of the next 2%. What is my match?"
    ),
    "vesting": "How much is vested after 5 years on a 2-to-6-year graded schedule?",
    "contribution_limit": "I'm 60. How much can I contribute to my 401(k) in 2026?",
    "early_withdrawal": "What does cashing out $50,000 at age 38 cost?",
    "rmd": "I was born in 1958. When do my required minimum distributions start?",
    "allocation": "I'm 35. How much should I have in stocks by the rule of thumb?",
    "rebalance": "I have $250,000 at 75/25 and want 60/40. What trades do I need?",
}


@dataclass(frozen=True)
class Topic:
    tag: str
    label: str
    count: int


@dataclass(frozen=True)
class CalculatorItem:
    name: str
    title: str
    description: str
    example: str | None
    command: str | None


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


def _calculators() -> list[CalculatorItem]:
    from vested.calculators import registry

    items = []
    for spec in registry().values():
        commands = [example for example in spec.examples if example.startswith("vested ")]
        questions = [example for example in spec.examples if not example.startswith("vested ")]
        items.append(
            CalculatorItem(
                name=spec.name,
                title=spec.title,
                description=spec.description,
                example=CHAT_EXAMPLES.get(spec.name) or (questions[0] if questions else None),
                command=commands[0] if commands else None,
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
