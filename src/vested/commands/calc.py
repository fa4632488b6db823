"""`vested calc`: list the calculators, or run one with flags derived from its inputs.

Each calculator's flags are built from its pydantic input model when it is run (field
`loan_maximum.highest_balance_12m` becomes `--highest-balance-12m`), so the CLI can never
drift from the models, and nothing heavier than argparse is imported until a calculator
is actually asked for. Percentages are typed as people say them ("6" or "6%") and
converted to the fractions the models hold.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from decimal import Decimal
from typing import Any

from vested.commands.common import UsageError

PERCENT_NOTE = (
    "Percentages are written as you would say them: 6 or 6% (not 0.06). Amounts may use $ and "
    "commas, or k/m: $80,000, 80000, 80k, 80 grand, $1.2m."
)
METAVARS = {
    "money": "AMOUNT",
    "percent": "PERCENT",
    "age": "AGE",
    "years": "YEARS",
    "year": "YEAR",
    "date": "DATE",
    "count": "N",
    "formula": "FORMULA",
    "mix": "MIX",
    "holdings": "HOLDINGS",
    "schedule": "TABLE",
    "periods": "PERIODS",
    "balances": "BALANCES",
    "limits": "LIMITS",
    "text": "TEXT",
}
UNIT_HINTS = {
    "money": "dollars",
    "percent": "percent, e.g. 6 or 6%",
    "age": "years of age",
    "years": "years",
    "year": "calendar year",
    "date": "YYYY-MM-DD or YYYY",
}


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "calc",
        help="run a calculator (with no name: list them and their inputs)",
        description="Deterministic 401(k) calculators that show their arithmetic and cite the "
        "rule. With no NAME, lists the calculators and their inputs.",
        epilog="examples:  vested calc\n"
        "           vested calc loan_maximum --help\n"
        "           vested calc loan_maximum --vested 80000 --highest-balance-12m 27000 "
        "--outstanding 18000\n"
        "           vested calc future_value --contribution 8800 --annual-return 6 --years 30 --json\n\n"
        + PERCENT_NOTE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="print JSON (the Answer, or the list)")
    parser.add_argument("name", nargs="?", metavar="NAME", help="the calculator to run")
    parser.add_argument(
        "options",
        nargs=argparse.REMAINDER,
        metavar="--INPUT VALUE",
        help="the calculator's inputs (see vested calc NAME --help)",
    )
    parser.set_defaults(handler=run)


class _CalculatorParser(argparse.ArgumentParser):
    """A calculator's flags; a mistake is one clear line (exit 2), not argparse's usage dump."""

    def error(self, message: str):
        raise UsageError(f"{self.prog.removeprefix('vested ')}: {message}; see {self.prog} --help")


def _reader(parse):
    """An argparse type from one of the shared readers (vested.calculate.money): same words."""

    def read(text: str):
        try:
            return parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return read


def _whole(text: str) -> int:
    from vested.calculate.money import parse_decimal

    number = parse_decimal(text)
    if number != number.to_integral_value():
        raise ValueError(f"{text.strip()!r} is not a whole number")
    return int(number)


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _converter(unit_kind: str, is_int: bool):
    from vested.calculate.money import parse_amount, parse_decimal, parse_percent

    if unit_kind == "percent":
        return _reader(parse_percent)
    if is_int:
        return _reader(_whole)
    if unit_kind == "money":
        return _reader(parse_amount)
    if unit_kind in ("age", "years"):
        return _reader(parse_decimal)
    return str


def _help_text(info, unit_kind: str, required: bool) -> str:
    text = info.description or ""
    hint = UNIT_HINTS.get(unit_kind)
    if hint:
        text += f" ({hint})"
    if required:
        text += " [required]"
    elif info.default not in (None, False):
        shown = info.default
        if unit_kind == "percent":
            from vested.calculate.money import percent

            shown = percent(Decimal(shown))
        text += f" [default: {shown}]"
    return text.replace("%", "%%")


def build_parser(spec) -> argparse.ArgumentParser:
    """argparse flags for each field of the calculator's input model."""
    from vested.calculate.fields import choices_of, plain_type, unit_of

    parser = _CalculatorParser(
        prog=f"vested calc {spec.name}",
        description=f"{spec.title}: {spec.description}",
        epilog="examples:\n" + "\n".join(f"  {example}" for example in spec.examples) + "\n\n" + PERCENT_NOTE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        argument_default=argparse.SUPPRESS,
    )
    for name, info in spec.inputs.model_fields.items():
        unit = unit_of(info)
        help_text = _help_text(info, unit.kind, name in spec.required_inputs())
        if unit.kind == "flag":
            parser.add_argument(flag(name), dest=name, action=argparse.BooleanOptionalAction, help=help_text)
        elif unit.kind == "choice":
            parser.add_argument(flag(name), dest=name, choices=choices_of(info), help=help_text)
        else:
            parser.add_argument(
                flag(name),
                dest=name,
                metavar=METAVARS.get(unit.kind, "VALUE"),
                type=_converter(unit.kind, plain_type(info) is int),
                nargs="+" if unit.many else None,
                help=help_text,
            )
    parser.add_argument("--json", action="store_true", default=False, help="print the Answer as JSON")
    return parser


def _describe_inputs(spec) -> list[dict[str, Any]]:
    from vested.calculate.fields import unit_of

    return [
        {
            "name": name,
            "flag": flag(name),
            "unit": unit_of(info).kind,
            "required": name in spec.required_inputs(),  # an input or, where it has them, its stand-ins
            "description": info.description or "",
        }
        for name, info in spec.inputs.model_fields.items()
    ]


def list_calculators(as_json: bool) -> int:
    from vested.calculate import registry

    specs = registry()
    if as_json:
        listing = [
            {
                "name": spec.name,
                "title": spec.title,
                "description": spec.description,
                "inputs": _describe_inputs(spec),
            }
            for spec in specs.values()
        ]
        sys.stdout.write(json.dumps(listing, ensure_ascii=False) + "\n")
        return 0
    lines = ["Calculators (run vested calc NAME --help for the details of one):", ""]
    for spec in specs.values():
        lines.append(f"{spec.name}: {spec.title}. {spec.description}")
        for item in _describe_inputs(spec):
            metavar = "" if item["unit"] == "flag" else f" {METAVARS.get(item['unit'], 'VALUE')}"
            required = " (required)" if item["required"] else ""
            lines.append(f"    {item['flag']}{metavar}{required}  {item['description']}")
        lines.append("")
    lines.append(PERCENT_NOTE)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _find(name: str):
    from vested.calculate import registry

    specs = registry()
    spec = specs.get(name.replace("-", "_"))
    if spec is None:
        raise UsageError(f"unknown calculator {name!r}; choose one of: {', '.join(specs)}")
    return spec


def _validate(spec, raw: dict[str, Any]):
    from pydantic import ValidationError

    from vested.calculate.base import input_problems

    missing = spec.missing_inputs(raw)
    if missing:
        needs = "; ".join(f"{flag(name)} ({spec.inputs.model_fields[name].description})" for name in missing)
        raise UsageError(f"calc {spec.name} needs {needs}")
    try:
        return spec.inputs.model_validate(raw)
    except ValidationError as error:
        name, message = input_problems(error)[0]
        where = f" {flag(name)}" if name else ""
        raise UsageError(f"calc {spec.name}:{where} {message}") from None


def run(args: argparse.Namespace) -> int:
    if args.name is None:
        return list_calculators(args.json)
    spec = _find(args.name)
    options = build_parser(spec).parse_args(args.options)
    as_json = args.json or options.json
    raw = {name: value for name, value in vars(options).items() if name != "json"}
    inputs = _validate(spec, raw)

    from datetime import date

    from vested.calculate.base import CalcContext, CalculatorInputError
    from vested.calculate.present import result_answer
    from vested.knowledge.loader import KnowledgeError, load_knowledge_base
    from vested.log.writer import open_answer_log

    try:
        kb = load_knowledge_base()
    except KnowledgeError as error:
        raise UsageError(f"the knowledge base has problems; run `vested kb check`:\n{error}") from None
    started = time.perf_counter()
    try:
        result = spec.run(inputs, CalcContext(figures=kb.figures, today=date.today()))
    except CalculatorInputError as error:
        raise UsageError(f"calc {spec.name}: {error}") from None
    question = "vested calc " + shlex.join([spec.name, *(arg for arg in args.options if arg != "--json")])
    answer = result_answer(question, result, kb)
    duration_ms = (time.perf_counter() - started) * 1000
    log = open_answer_log(args, interface="calc", kb_digest=kb.digest)
    try:
        if as_json:
            sys.stdout.write(answer.to_json() + "\n")
        else:
            from vested.commands.render import print_answer

            print_answer(answer)
        sys.stdout.flush()
        log.record(answer, duration_ms)  # after showing it, as `ask` does
    finally:
        for notice in log.close():
            print(f"vested: {notice}", file=sys.stderr)
    return 0
