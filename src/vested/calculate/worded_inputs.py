"""Calculator settings stated in words rather than numbers.

"50% of contributions up to 6% of salary" is a match formula, "a 2-to-6 year graded
schedule" a vesting schedule, "I left my job at 56" the age-55 exception, "biweekly" a pay
frequency, "I forgot to take my RMD" nothing taken toward it, "I opted out of withholding"
no withholding. Each reader returns the settings it found and the spans of the question it
used, so the numbers inside a formula are not also taken as, say, the deferral rate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING, Any

from vested.understanding.dates import MONTHS, month_number
from vested.understanding.patterns import LazyPattern
from vested.understanding.rules import RuleBook, rule_book

if TYPE_CHECKING:
    from vested.knowledge.figures import YearLimits
    from vested.understanding.quantities import Quantity

Span = tuple[int, int]
Settings = tuple[dict[str, Any], list[Span]]

# Format parsers stay here, each tested in tests/test_format_parsers.py: a sentence's extent, a
# numeric range ("2-to-6"), a graded or cliff schedule written with its years, a 60/40 mix. The
# words that signal a setting are language: knowledge/language/settings.toml, read by name.
_SENTENCE = LazyPattern(r"(?:[^.?!;]|\.(?=\d))+[.?!;]?")  # a point before a digit is a decimal ("$0.50", "4.5%")


def _words() -> RuleBook:
    return rule_book("settings.toml")


def _match_settings(question: str) -> Settings:
    """The match formula: the clause with the employer's verb, up to where the asker speaks.

    "I make $100,000, contribute 6%, and my employer matches 100% of the first 3% and 50% of
    the next 2%" holds the formula after the last ", " or "and" before "matches"; "my employer
    matches 50% up to 6% and I make 90k" holds it before "and I".
    """
    from vested.calculate.match import names_a_rate, parse_match_formula

    # The employer's own verbs ("matches", "profit sharing") anywhere in the question first; only
    # then the generic ones ("contributes", "puts in"), which are as often the asker's.
    words = _words()
    employer_verb, match_verb = words.pattern("employer-verb"), words.pattern("match-verb")
    own_deferral, own_clause = words.pattern("own-deferral"), words.pattern("own-clause")
    clause_boundary = words.pattern("clause-boundary")
    # "Half" is a rate only with the employer's own verb ("they match half"): "adds half of what I
    # put in" is as often a question about the total as a formula.
    for sentence, verbs in [(found, employer_verb) for found in _SENTENCE.finditer(question)] + [
        (found, match_verb) for found in _SENTENCE.finditer(question)
    ]:
        text = sentence.group(0)
        verb = verbs.search(text)
        if not verb or not names_a_rate(text, half=verbs is employer_verb):
            continue
        boundaries = list(clause_boundary.finditer(text, 0, verb.start()))
        start = boundaries[-1].end() if boundaries else 0
        if own_deferral.search(text[start : verb.end()]):
            continue  # the verb is the asker's own ("I contribute 6%"), not the employer's
        rest = text[verb.end() :]
        cuts = [found.start() for found in (own_deferral.search(rest), own_clause.search(rest)) if found]
        cuts += _first_clause_without_rate(rest)
        end = verb.end() + min(cuts) if cuts else len(text)
        formula_text = text[start:end]
        try:
            full = parse_match_formula(formula_text).full_match_deferral
        except ValueError:
            continue
        offset = sentence.start()
        settings: dict[str, Any] = {"formula": formula_text.strip(" .?!;,")}
        if full is not None and _words().rule("the-most-it-adds").finds(question):
            settings["deferral_rate"] = full  # asked for the most it adds: the deferral that earns all of it
        return settings, [(offset + start, offset + end)]
    return {}, []


def _first_clause_without_rate(rest: str) -> list[int]:
    """Where the formula stops: the first later clause with no percentage ("..., salary 100k")."""
    boundaries = list(_words().pattern("clause-boundary").finditer(rest))
    for position, boundary in enumerate(boundaries):
        end = boundaries[position + 1].start() if position + 1 < len(boundaries) else len(rest)
        clause = rest[boundary.end() : end]
        if not clause.strip():
            continue  # ", and ...": two boundaries in a row enclose nothing
        if "%" not in clause and "percent" not in clause.lower():
            return [boundary.start()]
    return []


_RANGE = r"(?:\s*-\s*to\s*-\s*|\s*(?:-|to|through|thru|until)\s*)"


def _vesting_settings(question: str) -> Settings:
    """The schedule said in words, and an account told in pieces by whose money each is."""
    from vested.calculate.sources import sums_by_source
    from vested.understanding.quantities import extract_quantities

    schedule, spans = _vesting_schedule(question)
    sums, sum_spans = sums_by_source(question, extract_quantities(question))
    return {**schedule, **sums}, spans + sum_spans


def _vesting_schedule(question: str) -> Settings:
    """The schedule the question works on: one said as the case to work ("if the plan used a 3-year
    cliff instead", settings.toml schedule-instead) over the one the story told, else the first named."""
    supposed = _words().pattern("schedule-instead")
    told, told_spans = _named_schedule(question)
    for sentence in reversed(list(_SENTENCE.finditer(question))):
        if supposed.search(sentence.group(0)):
            settings, spans = _named_schedule(sentence.group(0))
            if settings:  # the story's schedule is still read as one, its years no input of this case
                offset = sentence.start()
                return settings, told_spans + [(offset + start, offset + end) for start, end in spans]
    return told, told_spans


# A format parser: a graded schedule said by the year it vests in full ("a 6-year graded schedule",
# "graded over 5 years"); tests/test_vesting_questions.py.
_GRADED_OVER_YEARS = LazyPattern(
    r"\b(\d+)[\s-]*(?:years?|yr)[\s-]+grad(?:ed|uated)\b|\bgrad(?:ed|uated)\s+(?:vesting\s+)?over\s+(\d+)\s+years?\b",
    re.IGNORECASE,
)
# A graded schedule of five years or more vests 20% a year up to its last year (6-year: 2-to-6, the law's
# longest since 2007; 7-year: 3-to-7, the law's before); a shorter one vests in equal steps from year 1.
GRADED_STEP_OVER_FIVE = Decimal("0.2")
FIVE_YEARS = 5


def _graded_to(full: int) -> dict[str, Any]:
    """The first year and the step of a graded schedule that vests in full after `full` years."""
    if full >= FIVE_YEARS:
        return {"graded_start_year": full - FIVE_YEARS + 1, "graded_step": GRADED_STEP_OVER_FIVE}
    return {"graded_start_year": 1, "graded_step": (Decimal(1) / full).quantize(Decimal("0.0001"))}


def _named_schedule(question: str) -> Settings:
    graded = re.search(
        rf"\b(\d+){_RANGE}(\d+)[\s-]*(?:years?|yr)?[\s-]*grad(?:ed|uated)\b|\bgrad(?:ed|uated)\b[^.?!]*?\b(\d+){_RANGE}(\d+)\b",
        question,
        re.IGNORECASE,
    )
    if graded:
        first, last = (int(value) for value in (graded.group(1) or graded.group(3), graded.group(2) or graded.group(4)))
        if 1 <= first < last <= 10:
            step = (Decimal(1) / (last - first + 1)).quantize(Decimal("0.0001"))
            return {"schedule": "graded", "graded_start_year": first, "graded_step": step}, [graded.span()]
    over = _GRADED_OVER_YEARS.search(question)
    if over:
        full = int(over.group(1) or over.group(2))
        if 2 <= full <= 10:
            return {"schedule": "graded", **_graded_to(full)}, [over.span()]
    words = _words()
    if words.pattern("graded").search(question):
        return {"schedule": "graded"}, []
    cliff = re.search(
        r"\b(\d+)[\s-]*(?:years?|yr)?[\s-]*cliff\b|\bcliff\b[^.?!]*?\b(\d+)[\s-]*years?\b", question, re.IGNORECASE
    )
    if cliff:
        years = int(cliff.group(1) or cliff.group(2))
        if 1 <= years <= 10:
            return {"schedule": "cliff", "cliff_years": years}, [cliff.span()]
    if words.pattern("cliff").search(question):
        return {"schedule": "cliff"}, []
    if words.pattern("immediate").search(question):
        return {"schedule": "immediate"}, []
    return {}, []


def _separation(question: str) -> dict[str, Any]:
    return {"separated_at_55": True} if _words().pattern("separated-at-55").search(question) else {}


def _frequency(question: str) -> dict[str, Any]:
    """How often the person pays in, from the sentences about the plan ("rent is 1,800 a month" is not)."""
    from vested.understanding.reading import incidental_terms

    outside = incidental_terms().outside_the_plan
    about_the_plan = " ".join(
        found.group(0)
        for found in _SENTENCE.finditer(question)
        if not any(term.finds(found.group(0)) for term in outside)
    )
    for rule in _words().section("frequency"):  # in order: "bi-weekly" before "weekly"
        if rule.finds(about_the_plan):
            return {"frequency": rule.name}
    return {}


def _age_now(question: str) -> Settings:
    """The age now from an age some years back: "seven years ago when he was 39" is 46 now."""
    from vested.understanding.quantities import extract_quantities

    between = _words().pattern("age-years-back")
    quantities = extract_quantities(question)
    for position, span in enumerate(quantities):
        if span.kind != "duration":
            continue
        for age in quantities[position + 1 : position + 3]:
            said_as_an_age = age.kind == "age" or (age.kind == "number" and 10 <= age.value <= 100)
            if said_as_an_age and between.match(question[span.start + len(span.text) : age.start]):
                return {"age": age.value + span.value}, [(span.start, age.start + len(age.text))]
    return {}, []


def _withdrawal_settings(question: str) -> Settings:
    settings, spans = _age_now(question)
    settings.update(_separation(question))
    if "separated_at_55" not in settings and _words().pattern("leaves-then-takes").search(question):
        settings["left_this_year"] = True
    if _words().pattern("hardship").search(question):
        settings["kind"] = "hardship"
    return {**settings, **_exception_stated(question)}, spans


def _exception_stated(question: str) -> dict[str, Any]:
    """An exception to the 10% additional tax the question states of the one taking the money ("I'm disabled")."""
    return {"exception": True} if _words().pattern("exception-stated").search(question) else {}


def _rollover_settings(question: str) -> Settings:
    settings = _separation(question)
    if _words().pattern("only-check-redeposited").search(question):
        settings["only_check_redeposited"] = True
    return settings, []


def _missed_rmd_settings(question: str) -> Settings:
    """Nothing taken toward the RMD, when the words say so ("forgot to take my $12,000 RMD")."""
    return ({"taken": Decimal(0)} if _words().pattern("nothing-taken").search(question) else {}), []


def _hardship_settings(question: str) -> Settings:
    settings = {"waive_withholding": True} if _words().pattern("no-withholding").search(question) else {}
    return {**settings, **_exception_stated(question)}, []


def _offset_settings(question: str) -> Settings:
    """The age-55 claim, and why the loan is offset when the words say so (and a loan is mentioned:
    leaving a job with $40,000 in the plan is not a loan offset)."""
    settings = _separation(question)
    words = _words()
    mentions_a_loan = bool(words.pattern("loan-mentioned").search(question))
    if mentions_a_loan and words.pattern("plan-ended").search(question):
        settings["reason"] = "plan_ended"
    elif mentions_a_loan and words.pattern("leaving-job").search(question):
        settings["reason"] = "left_job"
    return {**settings, **_exception_stated(question)}, []


def _repayment_settings(question: str) -> Settings:
    settings = _frequency(question)
    if _words().pattern("principal-residence").search(question):
        settings["principal_residence"] = True
    return settings, []


def _growth_settings(question: str) -> Settings:
    """The contribution frequency, the conventions a textbook projection states in words (nothing
    more paid in, compounding each period, payments at the start), and the employer's match formula
    ("they match 50 cents on the dollar up to 6%"), which the projection turns into the employer's
    yearly deposit."""
    settings = _frequency(question)
    for rule, setting in (("compounded-each-period", "compounded_each_period"), ("paid-at-start", "paid_at_start")):
        if _words().rule(rule).finds(question):
            settings[setting] = True
    if _words().rule("no-more-deposits").finds(question):
        settings["contribution"] = Decimal(0)
    match, spans = _match_settings(question)
    if "formula" in match:
        settings["match_formula"] = match["formula"]
    return settings, spans


_MIX = LazyPattern(r"\b(\d{1,3})\s*/\s*(\d{1,3})\b")


def _rebalance_settings(question: str) -> Settings:
    """Stock/bond mixes, as 75/25 or in words ("60% stocks and 40% bonds"): the one after
    "want"/"target"/"to" is the target (else the last), unless a verb of drifting leads to it
    ("drifted to 72/28" is held now), and the mix held now is the last one before the target that
    differs from it ("it was 60/40, drifted to 67/33; back to 60/40")."""
    mixes = sorted(_mixes(question))
    if not mixes:
        return {}, []
    holdings, held = _holdings_said(question)
    if holdings:  # "$90k in stocks and $30k in bonds, target is 70/30": the trades from what is held
        return {"target": mixes[-1][2], "holdings": holdings}, [(start, end) for start, end, _ in mixes] + held
    wanted, drifted = _words().pattern("target-mix-lead"), _words().pattern("drifted-mix-lead")
    target = next(
        (mix for mix in mixes if wanted.search(question[: mix[0]]) and not drifted.search(question[: mix[0]])),
        mixes[-1],
    )
    settings = {"target": target[2]}
    before = [mix for mix in mixes if mix[0] < target[0] and mix[2] != target[2]]
    current = before[-1] if before else next((mix for mix in mixes if mix is not target), None)
    if current is not None:
        settings["current_mix"] = current[2]
    return settings, [(start, end) for start, end, _ in mixes]


def _holdings_said(question: str) -> tuple[dict[str, Decimal], list[Span]]:
    """One sum said in stocks and one in bonds ("$90k in stocks and $30k in bonds", settings.toml
    asset-held-after), else nothing: a single holding says nothing of the rest."""
    from vested.understanding.quantities import extract_quantities

    held: dict[str, Decimal] = {}
    spans: list[Span] = []
    for quantity in extract_quantities(question):
        asset = _words().pattern("asset-held-after").match(quantity.after) if quantity.kind == "money" else None
        if asset is None:
            continue
        name = "bonds" if asset.group("asset").lower().startswith(("bond", "fixed")) else "stocks"
        if name in held:
            return {}, []
        held[name] = quantity.value
        spans.append((quantity.start, quantity.end))
    return ({"stocks": held["stocks"], "bonds": held["bonds"]}, spans) if len(held) == 2 else ({}, [])


def _mixes(question: str) -> list[tuple[int, int, str]]:
    """Every stock/bond mix that adds up to 100: (start, end, "stocks/bonds")."""
    found = [
        (mix.start(), mix.end(), f"{mix.group(1)}/{mix.group(2)}")
        for mix in _MIX.finditer(question)
        if int(mix.group(1)) + int(mix.group(2)) == 100
    ]
    for mix in _words().pattern("worded-mix").finditer(question):
        stocks, bonds = mix.group("stocks") or mix.group("stocks_after"), mix.group("bonds") or mix.group("bonds_after")
        if int(stocks) + int(bonds) == 100:
            found.append((mix.start(), mix.end(), f"{stocks}/{bonds}"))
    return found


def _employer_match_settings(question: str) -> Settings:
    """The formula, and how often a contribution stated in dollars goes in ("$400 every month")."""
    settings, spans = _dollar_capped_match(question)
    if not settings:
        settings, spans = _match_settings(question)
    return {**_frequency(question), **settings}, spans


def _dollar_capped_match(question: str) -> Settings:
    """A match on the first dollars contributed ("matches 50% of the first $3,000 you put in"): the
    rate on all you defer, capped at the rate times those dollars (max_match); asked for the most it
    adds, worked at a contribution of exactly those dollars a year. With no rate said, dollar for dollar.

    Only for the match figure itself: a projection takes its formula as a share of pay (_match_settings)."""
    from vested.calculate.match import MatchFormulaError, names_a_rate, parse_match_formula
    from vested.calculate.money import percent
    from vested.understanding.quantities import extract_quantities

    found = _words().pattern("match-on-first-dollars").search(question)
    if found is None:
        return {}, []
    first = next((q for q in extract_quantities(question) if q.kind == "money" and q.start == found.end()), None)
    if first is None or first.value <= 0:
        return {}, []
    rate = Decimal(1)
    said = found.group(0)
    if names_a_rate(said):
        try:
            tiers = parse_match_formula(said).tiers
        except MatchFormulaError:
            return {}, []
        if len(tiers) != 1 or tiers[0].width is not None:
            return {}, []
        rate = tiers[0].rate
    settings: dict[str, Any] = {
        "formula": f"{percent(rate)} of what you contribute",
        "max_match": rate * first.value,
    }
    if _words().rule("the-most-it-adds").finds(question):
        settings["contribution"] = first.value
        settings["frequency"] = "yearly"
    return settings, [(found.start(), first.end)]


def _whose_money(question: str) -> Settings:
    """Own money and employer money given as a pair "respectively" (settings.toml [[whose-money]]):
    the first two sums of the span, in the order the people were named."""
    from vested.understanding.quantities import extract_quantities

    for rule, names in (
        ("own-then-employer", ("own_money", "employer_money")),
        ("employer-then-own", ("employer_money", "own_money")),
    ):
        found = _words().pattern(rule).search(question)
        if found is None:
            continue
        sums = [q for q in extract_quantities(found.group(0)) if q.kind == "money"][:2]
        if len(sums) == 2:
            offset = found.start()
            return {name: q.value for name, q in zip(names, sums, strict=True)}, [
                (offset + q.start, offset + q.end) for q in sums
            ]
    return {}, []


def _loan_settings(question: str) -> Settings:
    """Whose money the sums are, and the plan's $10,000 floor when the question says the plan has it
    (settings.toml [[loan]]): the $10,000 it names is that floor, no balance or loan."""
    settings, spans = _whose_money(question)
    floor = _words().pattern("ten-thousand-floor").search(question)
    if floor is not None:
        settings["allow_10k_floor"] = True
        spans = [*spans, floor.span()]
    return settings, spans


# Format parsers of an RMD textbook question, each tested in tests/test_format_parsers.py: a list
# of ages and a list of distribution periods given side by side ("for ages 70, 71 and 72 are 27.4,
# 26.5 and 25.6"), age-period pairs ("age 74 23.8, 75 22.9"), a year-end or a January 1 date, and
# a date a person turns an age on. Which words mark a table or an age's verb: settings.toml [[rmd]].
_AGE_NUMBER = r"\d{2,3}"
_PERIOD_NUMBER = r"\d{1,2}\.\d{1,2}"
_LIST_SEPARATOR = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*|\s*&\s*)"
_AGES_THEN_PERIODS = LazyPattern(
    rf"(?<![\d.,$])(?P<keys>{_AGE_NUMBER}(?:{_LIST_SEPARATOR}{_AGE_NUMBER})+)\b[^\d.?!;]{{0,40}}?"
    rf"(?P<values>{_PERIOD_NUMBER}(?:{_LIST_SEPARATOR}{_PERIOD_NUMBER})+)\b",
    re.IGNORECASE,
)
_PERIODS_THEN_AGES = LazyPattern(
    rf"(?<![\d.,$])(?P<values>{_PERIOD_NUMBER}(?:{_LIST_SEPARATOR}{_PERIOD_NUMBER})+)\b[^\d.?!;]{{0,40}}?"
    rf"\bages?\s+(?P<keys>{_AGE_NUMBER}(?:{_LIST_SEPARATOR}{_AGE_NUMBER})+)\b",
    re.IGNORECASE,
)
_AGE_PERIOD_PAIRS = LazyPattern(
    rf"\bages?\s*:?\s*(?P<pairs>{_AGE_NUMBER}\s*(?:[:=–-]|\bis\b|\bof\b)?\s*{_PERIOD_NUMBER}"
    rf"(?:{_LIST_SEPARATOR}(?:age\s+)?{_AGE_NUMBER}\s*(?:[:=–-])?\s*{_PERIOD_NUMBER})*)\b",
    re.IGNORECASE,
)
_ONE_PAIR = LazyPattern(rf"({_AGE_NUMBER})\s*(?:[:=–-]|\bis\b|\bof\b)?\s*({_PERIOD_NUMBER})")
_AGE_THEN_ITS_PERIOD = LazyPattern(
    rf"\bage\s+(?P<key>{_AGE_NUMBER})\b[^\d.?!;]{{1,30}}?(?P<value>{_PERIOD_NUMBER})\b", re.IGNORECASE
)
_PERIOD_THEN_ITS_AGE = LazyPattern(
    rf"(?<![\d.,$])(?P<value>{_PERIOD_NUMBER})\b[^\d.?!;]{{1,20}}?\bage\s+(?P<key>{_AGE_NUMBER})\b", re.IGNORECASE
)
_MONTH = r"(?:" + "|".join(rf"{name[:3]}(?:{name[3:]})?" for name in MONTHS) + r"|sept)\.?"
_YEAR_END = LazyPattern(
    r"\b(?:dec(?:ember)?\.?\s+31(?:st)?,?\s+(?:of\s+)?|12/31/|(?:the\s+)?end\s+of\s+(?:the\s+year\s+|year\s+)?"
    r"|year[\s-]?end\s+(?:of\s+)?)(?P<end>\d{4})\b|\b(?P<end_after>\d{4})\s+year[\s-]?end\b"
    r"|\b(?:jan(?:uary)?\.?\s+1(?:st)?,?\s+(?:of\s+)?|1/1/)(?P<start>\d{4})\b",
    re.IGNORECASE,
)
_WHEN = LazyPattern(
    rf"(?:on|in|during|by)\s+(?:(?P<month>{_MONTH})\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?)?(?P<year>\d{{4}})\b"
    r"|(?:at|by)\s+(?:the\s+)?end\s+of\s+(?P<end_year>\d{4})\b",
    re.IGNORECASE,
)
_AN_AGE = LazyPattern(
    r"(?P<age>\d{2,3})(?P<half>\s*(?:1/2|½|and\s+a\s+half|\.5))?(?:\s+years?\s+old)?\s+", re.IGNORECASE
)
_TAKEN_BEFORE = LazyPattern(r"\b(?:took|taken|takes|withdr\w*|received|distribution of)\b[^.?!;]*$", re.IGNORECASE)
_HALF_YEAR = 6
# How far apart (characters) a year-end and its balance may be said: a short clause ("... was ").
PAIR_REACH = 45


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


def _stated_periods(question: str) -> tuple[dict[int, Decimal], list[Span]]:
    """The distribution periods a question gives, by age, and the spans they were read from."""
    periods: dict[int, Decimal] = {}
    spans: list[Span] = []

    def take(pairs: list[tuple[str, str]], span: Span) -> None:
        ages = [int(age) for age, _ in pairs]
        if all(40 <= age <= 120 for age in ages) and not any(start < span[1] and span[0] < end for start, end in spans):
            periods.update({int(age): Decimal(period) for age, period in pairs})
            spans.append(span)

    for pattern in (_AGES_THEN_PERIODS, _PERIODS_THEN_AGES):
        for found in pattern.finditer(question):
            keys, values = _numbers(found.group("keys")), _numbers(found.group("values"))
            if len(keys) == len(values):
                take(list(zip(keys, values, strict=True)), found.span())
    for found in _AGE_PERIOD_PAIRS.finditer(question):
        take(_ONE_PAIR.findall(found.group("pairs")), found.span())
    for pattern in (_AGE_THEN_ITS_PERIOD, _PERIOD_THEN_ITS_AGE):
        for found in pattern.finditer(question):
            take([(found.group("key"), found.group("value"))], found.span())
    return periods, spans


def _year_end_balances(question: str) -> tuple[dict[int, Decimal], list[Span]]:
    """Balances said with the year-end they were measured at ("$200,000 at the end of 2025",
    "on January 1, 2019 ... $425,000" is the end of 2018), paired in order when the sentence says
    "respectively", else each date with the nearest sum in its sentence."""
    from vested.understanding.quantities import extract_quantities
    from vested.understanding.reading import outside_the_plan

    balances: dict[int, Decimal] = {}
    spans: list[Span] = []
    for sentence in _SENTENCE.finditer(question):
        text, offset = sentence.group(0), sentence.start()
        dates = [
            (found.span(), int(found.group("end") or found.group("end_after") or int(found.group("start")) - 1))
            for found in _YEAR_END.finditer(text)
        ]
        sums = [
            q
            for q in extract_quantities(text)
            if q.kind == "money"
            and not outside_the_plan(q)
            and not _TAKEN_BEFORE.search(text[max(0, q.start - 30) : q.start])
        ]
        if not dates or not sums:
            continue
        if "respectively" in text.lower() and len(dates) == len(sums) > 1:
            pairs = list(zip(dates, sums, strict=True))
        else:
            pairs = _in_the_order_said(dates, sums)
        for ((start, end), year), amount in pairs:
            if balances.get(year, amount.value) != amount.value:
                return {}, []  # two sums for one year-end: not a table of balances
            balances[year] = amount.value
            spans += [(offset + start, offset + end), (offset + amount.start, offset + amount.end)]
    return balances, spans


def _in_the_order_said(dates: list[tuple[Span, int]], sums: list[Quantity]) -> list[tuple[tuple[Span, int], Quantity]]:
    """Each date with its sum, in the order the sentence says them: "on December 31, 2024 it was $X"
    (a date, then its sum) or "$X at the end of 2024, $Y at the end of 2025" (a sum, then its date);
    a pair further apart than a short clause is not one."""
    pairs = []
    taken: set[int] = set()
    if dates[0][0][0] < sums[0].start:
        for when in dates:
            after = next((m for m, q in enumerate(sums) if m not in taken and q.start >= when[0][1]), None)
            if after is not None and sums[after].start - when[0][1] <= PAIR_REACH:
                taken.add(after)
                pairs.append((when, sums[after]))
        return pairs
    for amount in sums:
        after = next((d for d, when in enumerate(dates) if d not in taken and when[0][0] >= amount.end), None)
        if after is not None and dates[after][0][0] - amount.end <= PAIR_REACH:
            taken.add(after)
            pairs.append((dates[after], amount))
    return pairs


def _birth_from(age: int, half: bool, year: int, month: int | None, day: int | None) -> str:
    """The birth date implied by turning an age (and a half) on a date: as exact as the date."""
    if half:  # 70½ lands six months after the 70th birthday
        if month is None:
            return f"{year - age - 1}-07-01"
        born_year, born_month = (
            (year - age, month - _HALF_YEAR) if month > _HALF_YEAR else (year - age - 1, month + _HALF_YEAR)
        )
        return f"{born_year}-{born_month:02d}-{day or 1:02d}"
    if month is None:
        return str(year - age)
    return f"{year - age}-{month:02d}-{day or 1:02d}"


def _age_in_a_year(question: str) -> tuple[dict[str, Any], list[Span]]:
    """A birth date from an age tied to a date: "turned 70 1/2 on May 3, 2019", "age 74 at the end of
    2013", "reaches 73 in 2026". The first such statement only; a second ("what if he turns 75 in
    2023 instead?") is a different case, left for the person to ask."""
    verb = _words().pattern("reaches-an-age")
    for lead in [*verb.finditer(question), *re.finditer(r"\bage\s+(?=\d)", question, re.IGNORECASE)]:
        age = _AN_AGE.match(question, lead.end())
        if age is None:
            continue
        when = _WHEN.match(question, age.end())
        if when is None:
            continue
        year = int(when.group("year") or when.group("end_year"))
        month = month_number(when.group("month") or "")
        day = int(when.group("day")) if when.group("day") else None
        number = int(age.group("age"))
        if not 40 <= number <= 120:
            continue
        try:
            born = _birth_from(number, bool(age.group("half")), year, month, day)
            date.fromisoformat(born) if "-" in born else None
        except ValueError:
            continue
        return {"birth_date": born}, [(age.start(), when.end())]
    return {}, []


def _rmd_settings(question: str) -> Settings:
    """What a textbook RMD question states besides single numbers: its own table of distribution
    periods (and with 70½, the rule before 2020 it works under), balances at several year-ends, the
    date an age is reached, and whether the first RMD is asked for."""
    words = _words()
    settings: dict[str, Any] = {}
    spans: list[Span] = []
    if words.pattern("period-words").search(question):
        periods, spans = _stated_periods(question)
        if periods:
            settings["stated_periods"] = ", ".join(f"{age}={period}" for age, period in sorted(periods.items()))
            if words.pattern("seventy-and-a-half").search(question):
                settings["assumed_rmd_age"] = Decimal("70.5")
    balances, balance_spans = _year_end_balances(question)
    if balances:  # one balance said with its year-end is last year's balance for the year after it
        settings["year_end_balances"] = ", ".join(f"{year}={amount}" for year, amount in sorted(balances.items()))
        spans += balance_spans
    born, born_spans = _age_in_a_year(question)
    settings.update(born)
    spans += born_spans
    if words.pattern("first-rmd").search(question):
        settings["first_rmd"] = True
    retires = words.pattern("retires-in-a-year").search(question)
    if retires is not None:
        settings["retirement_year"] = int(retires.group("year") or retires.group("year_before"))
        spans.append(retires.span())
    return settings, spans


def _basis_settings(question: str) -> Settings:
    """The basis and the account's value of an account told in pieces (vested.calculate.tax_pieces)."""
    from vested.calculate.tax_pieces import basis_pieces
    from vested.understanding.quantities import extract_quantities

    return basis_pieces(question, extract_quantities(question))


def _limit_settings(question: str) -> Settings:
    """The birth date from an age reached on a date ("turned 60 in October 2024"): the catch-up goes
    by the age reached by the end of the year asked about, which may be a year later. With no other
    year named ("I was 51 in 2019: what catch-up was allowed?"), the year of the age is the one asked.
    Then the limits the question quotes, which name the year when it names none that fits them."""
    from vested.understanding.quantities import extract_quantities

    settings, spans = _age_in_a_year(question)
    if spans:
        start, end = spans[0]
        said = [q for q in extract_quantities(question) if q.kind == "year" and start <= q.start < end]
        others = [q for q in extract_quantities(question) if q.kind == "year" and not start <= q.start < end]
        if said and all(q.value == said[0].value for q in others):
            settings["year"] = int(said[0].value)
    quoted, quoted_spans = _year_of_quoted_limits(question, settings.get("year"))
    return {**settings, **quoted}, [*spans, *quoted_spans]


# The figures of a year's row that a question may quote by name (settings.toml [[quoted_limit]]).
_QUOTED_FIGURES = ("deferral", "catch_up_50", "annual_additions")


def _quoted_limits(question: str) -> list[tuple[str, Quantity]]:
    """The sums the question quotes as a named yearly limit ("a 402(g) limit of $18,000"),
    each with the name of its figure: the nearest [[quoted_limit]] words between the sum and the sum
    before it in its sentence (a year between them is no edge: "the 402(g) limit for 2019 is $19,000"),
    else just after it in its clause."""
    from vested.understanding.quantities import extract_quantities

    rules = _words().section("quoted_limit")
    sums = [q for q in extract_quantities(question) if q.kind == "money"]
    quoted: list[tuple[str, Quantity]] = []
    for position, quantity in enumerate(sums):
        since = sums[position - 1].end if position else 0
        until = sums[position + 1].start if position + 1 < len(sums) else len(question)
        before = re.split(r"[.?!;]\s", question[since : quantity.start])[-1]
        # A name after the sum is its own only before the clause goes on ("$6,000 of catch-up", not
        # "$19,000 and the catch-up is").
        after = re.split(r"[.?!;](?:\s|$)|\band\b|\bor\b", question[quantity.end : until])[0][:_QUOTED_NAME_AFTER]
        nearest_before = [
            (len(before) - found.end(), rule.name) for rule in rules for found in rule.regex.finditer(before)
        ]
        nearest_after = [(found.start(), rule.name) for rule in rules for found in rule.regex.finditer(after)]
        named = min(nearest_before or nearest_after, default=None)
        if named is not None:
            quoted.append((named[1], quantity))
    return quoted


# How far after a sum its limit's name may come ("$53,000, the 415(c) limit").
_QUOTED_NAME_AFTER = 30


def _year_of_quoted_limits(question: str, year: int | None) -> Settings:
    """The limits the question quotes by name, and the year they name.

    When the quoted figures are those of a year the question names (or `year`, read already), they are
    context and the years are read as said. When they fit no year named ("she turns 55 this year ...
    the 402(g) limit is $18,000 ... the annual additions cap is $53,000"), the question speaks of their
    year: when every year of the table they fit gives the same limits, the latest of those (2015 and
    2016 here), and the years said are consumed too. The quoted sums, and any sum equal to one of
    that year's limits or a limit plus its catch-up (a total worked from them, the answers offered),
    are consumed: none is an input. Nothing is read when the quoted figures fit no year of the table,
    or years whose limits differ.
    """
    from vested.knowledge.loader import shipped_knowledge_base
    from vested.understanding.quantities import extract_quantities

    quoted = _quoted_limits(question)
    if not quoted:
        return {}, []
    table = shipped_knowledge_base().figures
    fitting = [row for row in table.limits if all(getattr(row, name) == q.value for name, q in quoted)]
    if not fitting:
        return {}, []
    numbers = extract_quantities(question)
    # The sentences that quote the limits: a sum there equal to a limit or a total worked from them is one
    # of the figures, while "my wages were $60,000" elsewhere is the wages, whatever limit it equals.
    quoting = [
        found.span() for found in _SENTENCE.finditer(question) if any(_within(q, found.span()) for _, q in quoted)
    ]
    named = {int(q.value) for q in numbers if q.kind == "year"} | ({year} if year else set())
    said = [row for row in fitting if row.year in named]
    if said:  # "in 2016 the limit was $18,000; what is it in 2026?": the figures are context, the years as said
        return {}, _figures_said(numbers, said[-1], quoting)
    if len({_limits_of(row) for row in fitting}) > 1:
        return {}, []
    row = max(fitting, key=lambda row: row.year)
    years = [(q.start, q.end) for q in numbers if q.kind == "year"]
    limits = {name: q.value for name, q in quoted}
    return {"year": row.year, "quoted_limits": limits}, [*_figures_said(numbers, row, quoting), *years]


def _within(quantity: Quantity, span: Span) -> bool:
    return span[0] <= quantity.start < span[1]


def _figures_said(numbers: list[Quantity], row: YearLimits, quoting: list[Span]) -> list[Span]:
    """Where the sentences quoting the limits say one of the year's limits, or one with a catch-up added."""
    figures = set(_limits_of(row)) | _limit_totals(row)
    return [
        (q.start, q.end)
        for q in numbers
        if q.kind == "money" and q.value in figures and any(_within(q, span) for span in quoting)
    ]


def _limits_of(row: YearLimits) -> tuple[Decimal | None, ...]:
    """The limits of a year that a contribution-limit figure is worked from."""
    return (row.deferral, row.catch_up_50, row.catch_up_60_63, row.annual_additions)


def _limit_totals(row: YearLimits) -> set[Decimal]:
    """A year's limits each with a catch-up added (the most a person of 50 may defer; the 415(c) cap
    with the catch-up on top): sums a question works out from the limits it quotes."""
    catch_ups = [amount for amount in (row.catch_up_50, row.catch_up_60_63) if amount is not None]
    return {limit + amount for limit in (row.deferral, row.annual_additions) for amount in catch_ups}


READERS: dict[str, Callable[[str], Settings]] = {
    "contribution_limit": _limit_settings,
    "after_tax_basis_share": _basis_settings,
    "loan_maximum": _loan_settings,
    "employer_match": _employer_match_settings,
    "vesting": _vesting_settings,
    "early_withdrawal": _withdrawal_settings,
    "hardship_withdrawal": _hardship_settings,
    "missed_rmd": _missed_rmd_settings,
    "rmd": _rmd_settings,
    "indirect_rollover": _rollover_settings,
    "loan_repayment": _repayment_settings,
    "loan_offset": _offset_settings,
    "future_value": _growth_settings,
    "rebalance": _rebalance_settings,
}


def service_since(question: str, today: date) -> Settings:
    """Years of service from the month and year work began ("been at my job since March 2023": 3 years and
    9 months in December 2026), settings.toml `service-since`. Not read when today's month is the starting
    month in a later year: the day, unsaid, decides whether that year is complete."""
    found = _words().pattern("service-since").search(question)
    month = month_number(found.group("month")) if found else None
    if found is None or month is None:
        return {}, []
    months = (today.year - int(found.group("year"))) * 12 + today.month - month
    if months <= 0 or months % 12 == 0:
        return {}, []
    years = (Decimal(months) / 12).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return {"years_of_service": years}, [found.span()]


def extract_settings(calculator: str, question: str) -> Settings:
    """The worded settings of a calculator found in the question, and the spans they used."""
    reader = READERS.get(calculator)
    return reader(question) if reader else ({}, [])
