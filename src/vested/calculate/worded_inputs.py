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
from decimal import Decimal
from typing import Any

from vested.understanding.patterns import LazyPattern

Span = tuple[int, int]
Settings = tuple[dict[str, Any], list[Span]]

_SENTENCE = LazyPattern(r"[^.?!;]+[.?!;]?")
_MATCH_CLAUSE = LazyPattern(
    r"\b(match\w*|contributes?|puts? in|adds?|gives?|(?:kicks?|chips?|pitch(?:es)?|throws?) in|non[\s-]?elective"
    r"|profit[\s-]?sharing|safe harbou?r)\b",
    re.IGNORECASE,
)
_CLAUSE_BOUNDARY = LazyPattern(r",\s|\b(?:and|but|while)\s", re.IGNORECASE)
_EMPLOYER_VERB = LazyPattern(r"\b(match\w*|non[\s-]?elective|profit[\s-]?sharing|safe harbou?r)\b", re.IGNORECASE)
# "I defer 6%" is the asker's own rate; "100% of what I put in" is part of the formula.
_OWN_DEFERRAL = LazyPattern(
    r"(?<!what )(?<!whatever )(?<!everything )(?<!that )"
    r"\b(i|i'm|im)\b\s*(\w+\s+){0,2}?(defer|contribut|put|sav|invest)",
    re.IGNORECASE,
)
# "... up to 4%, and I make 90k": the formula ends where the asker starts talking about themselves.
_OWN_CLAUSE = LazyPattern(r"(,|\band\b|\bbut\b|\bwhile\b)\s*(i|i'm|im|my)\b", re.IGNORECASE)
_SEPARATED_55 = LazyPattern(
    r"\b(left|leave|leaving|quit|separat\w*|laid off|retired?|retiring)\b[^.?!]*?\b(at|age|aged|when i was|when i'm)\s*"
    r"(5[5-9]|[6-9]\d)\b|\b(5[5-9]|[6-9]\d)\b[^.?!]{0,30}\b(left|quit|separated|laid off|retired)\b",
    re.IGNORECASE,
)
_FREQUENCIES = (
    ("biweekly", r"\b(bi-?weekly|every (two|2) weeks|every other week)\b"),
    ("semimonthly", r"\b(semi-?monthly|twice a month)\b"),
    ("weekly", r"\b(weekly|every week|each week|a week|per week)\b"),
    ("monthly", r"\b(monthly|a month|per month|each month|every month|/mo)\b"),
    ("quarterly", r"\b(quarterly|a quarter|per quarter|each quarter)\b"),
)


def _match_settings(question: str) -> Settings:
    """The match formula: the clause with the employer's verb, up to where the asker speaks.

    "I make $100,000, contribute 6%, and my employer matches 100% of the first 3% and 50% of
    the next 2%" holds the formula after the last ", " or "and" before "matches"; "my employer
    matches 50% up to 6% and I make 90k" holds it before "and I".
    """
    from vested.calculate.match import parse_match_formula

    # The employer's own verbs ("matches", "profit sharing") anywhere in the question first; only
    # then the generic ones ("contributes", "puts in"), which are as often the asker's.
    for sentence, verbs in [(found, _EMPLOYER_VERB) for found in _SENTENCE.finditer(question)] + [
        (found, _MATCH_CLAUSE) for found in _SENTENCE.finditer(question)
    ]:
        text = sentence.group(0)
        verb = verbs.search(text)
        if not verb or ("%" not in text and "percent" not in text.lower()):
            continue
        boundaries = list(_CLAUSE_BOUNDARY.finditer(text, 0, verb.start()))
        start = boundaries[-1].end() if boundaries else 0
        if _OWN_DEFERRAL.search(text[start : verb.start()]):
            continue  # the verb is the asker's own ("I contribute 6%"), not the employer's
        rest = text[verb.end() :]
        cuts = [found.start() for found in (_OWN_DEFERRAL.search(rest), _OWN_CLAUSE.search(rest)) if found]
        cuts += _first_clause_without_rate(rest)
        end = verb.end() + min(cuts) if cuts else len(text)
        formula_text = text[start:end]
        try:
            parse_match_formula(formula_text)
        except ValueError:
            continue
        offset = sentence.start()
        return {"formula": formula_text.strip(" .?!;,")}, [(offset + start, offset + end)]
    return {}, []


def _first_clause_without_rate(rest: str) -> list[int]:
    """Where the formula stops: the first later clause with no percentage ("..., salary 100k")."""
    boundaries = list(_CLAUSE_BOUNDARY.finditer(rest))
    for position, boundary in enumerate(boundaries):
        end = boundaries[position + 1].start() if position + 1 < len(boundaries) else len(rest)
        clause = rest[boundary.end() : end]
        if "%" not in clause and "percent" not in clause.lower():
            return [boundary.start()]
    return []


_RANGE = r"(?:\s*-\s*to\s*-\s*|\s*(?:-|to|through|thru|until)\s*)"


def _vesting_settings(question: str) -> Settings:
    graded = re.search(
        rf"\b(\d+){_RANGE}(\d+)[\s-]*(?:years?|yr)?[\s-]*graded\b|\bgraded\b[^.?!]*?\b(\d+){_RANGE}(\d+)\b",
        question,
        re.IGNORECASE,
    )
    if graded:
        first, last = (int(value) for value in (graded.group(1) or graded.group(3), graded.group(2) or graded.group(4)))
        if 1 <= first < last <= 10:
            step = (Decimal(1) / (last - first + 1)).quantize(Decimal("0.0001"))
            return {"schedule": "graded", "graded_start_year": first, "graded_step": step}, [graded.span()]
    if re.search(r"\bgraded\b", question, re.IGNORECASE):
        return {"schedule": "graded"}, []
    cliff = re.search(
        r"\b(\d+)[\s-]*(?:years?|yr)?[\s-]*cliff\b|\bcliff\b[^.?!]*?\b(\d+)[\s-]*years?\b", question, re.IGNORECASE
    )
    if cliff:
        years = int(cliff.group(1) or cliff.group(2))
        if 1 <= years <= 10:
            return {"schedule": "cliff", "cliff_years": years}, [cliff.span()]
    if re.search(r"\bcliff\b", question, re.IGNORECASE):
        return {"schedule": "cliff"}, []
    if re.search(r"\b(immediate(ly)?|right away)\b", question, re.IGNORECASE):
        return {"schedule": "immediate"}, []
    return {}, []


def _separation(question: str) -> dict[str, Any]:
    return {"separated_at_55": True} if _SEPARATED_55.search(question) else {}


def _frequency(question: str) -> dict[str, Any]:
    """How often the person pays in, from the sentences about the plan ("rent is 1,800 a month" is not)."""
    from vested.understanding.reading import incidental_terms

    outside = incidental_terms().outside_the_plan
    about_the_plan = " ".join(
        found.group(0)
        for found in _SENTENCE.finditer(question)
        if not any(term.finds(found.group(0)) for term in outside)
    )
    for name, pattern in _FREQUENCIES:
        if re.search(pattern, about_the_plan, re.IGNORECASE):
            return {"frequency": name}
    return {}


def _withdrawal_settings(question: str) -> Settings:
    settings = _separation(question)
    if re.search(r"\bhardship\b", question, re.IGNORECASE):
        settings["kind"] = "hardship"
    return settings, []


def _rollover_settings(question: str) -> Settings:
    settings = _separation(question)
    if re.search(
        r"\bonly\b[^.?!]*\b(check|what i (got|received)|80%|the rest)\b|\bjust (the|my) check\b",
        question,
        re.IGNORECASE,
    ):
        settings["only_check_redeposited"] = True
    return settings, []


# "I forgot to take my RMD", "didn't take any of it", "missed my required distribution": nothing was taken.
_NOTHING_TAKEN = LazyPattern(
    r"\b(forgot|forgotten|neglected|failed|didn'?t|did not|never|haven'?t|have not|hasn'?t|has not)\b"
    r"[^.?!]{0,20}?\b(take|took|taken|withdraw\w*)\b|\b(missed|skipped)\s+(my|the|our|his|her|an?)\s+"
    r"(\$?[\d,.]+k?\s+)?(rmd|required|minimum)",
    re.IGNORECASE,
)
# "I opted out of withholding", "no withholding", "waived the withholding", "nothing withheld".
_NO_WITHHOLDING = LazyPattern(
    r"\b(opt(ed|ing)?[\s-]+out|waiv\w*|declin\w*|no|without|skip\w*)\s+(of\s+)?(the\s+)?(federal\s+)?"
    r"(tax\s+)?withholding\b|\bnothing (is |was |gets )?withheld\b|\bnot to withhold\b",
    re.IGNORECASE,
)


def _missed_rmd_settings(question: str) -> Settings:
    """Nothing taken toward the RMD, when the words say so ("forgot to take my $12,000 RMD")."""
    return ({"taken": Decimal(0)} if _NOTHING_TAKEN.search(question) else {}), []


def _hardship_settings(question: str) -> Settings:
    return ({"waive_withholding": True} if _NO_WITHHOLDING.search(question) else {}), []


# Why a loan is offset: leaving the job ("quit", "laid off", "changing jobs") or the plan ending.
_LEAVING = LazyPattern(
    r"\b(leav\w*|left|quit\w*|laid off|lay ?off|layed off|fired|terminat\w*|resign\w*|separat\w*|retir\w*|"
    r"chang\w* (jobs|employers)|new job|job loss|lost my job|los(e|ing) my job)\b",
    re.IGNORECASE,
)
_PLAN_ENDED = LazyPattern(r"\bplan\b[^.?!]{0,20}\b(terminat\w*|end(s|ed|ing)?|clos\w*|shut\w* down)\b", re.IGNORECASE)


_LOAN = LazyPattern(r"\bloans?\b", re.IGNORECASE)


def _offset_settings(question: str) -> Settings:
    """The age-55 claim, and why the loan is offset when the words say so (and a loan is mentioned:
    leaving a job with $40,000 in the plan is not a loan offset)."""
    settings = _separation(question)
    mentions_a_loan = bool(_LOAN.search(question))
    if mentions_a_loan and _PLAN_ENDED.search(question):
        settings["reason"] = "plan_ended"
    elif mentions_a_loan and _LEAVING.search(question):
        settings["reason"] = "left_job"
    return settings, []


def _repayment_settings(question: str) -> Settings:
    settings = _frequency(question)
    if re.search(r"\b(house|home|residence|condo)\b", question, re.IGNORECASE) and not re.search(
        r"\bbought (?:our|a|the|my) (?:house|home|condo)\b", question, re.IGNORECASE
    ):
        settings["principal_residence"] = True
    return settings, []


def _growth_settings(question: str) -> Settings:
    return _frequency(question), []


_MIX = LazyPattern(r"\b(\d{1,3})\s*/\s*(\d{1,3})\b")
_WANTED = LazyPattern(r"\b(want|target|to|into|back to|aim|goal|should be)\b[^.?!/]{0,20}$", re.IGNORECASE)


def _rebalance_settings(question: str) -> Settings:
    """Stock/bond mixes such as 75/25: the one after "want"/"target"/"to" is the target."""
    mixes = [found for found in _MIX.finditer(question) if int(found.group(1)) + int(found.group(2)) == 100]
    if not mixes:
        return {}, []
    target = next((found for found in mixes if _WANTED.search(question[: found.start()])), mixes[-1])
    settings = {"target": f"{target.group(1)}/{target.group(2)}"}
    current = next((found for found in mixes if found is not target), None)
    if current is not None:
        settings["current_mix"] = f"{current.group(1)}/{current.group(2)}"
    return settings, [found.span() for found in mixes]


READERS: dict[str, Callable[[str], Settings]] = {
    "employer_match": _match_settings,
    "vesting": _vesting_settings,
    "early_withdrawal": _withdrawal_settings,
    "hardship_withdrawal": _hardship_settings,
    "missed_rmd": _missed_rmd_settings,
    "indirect_rollover": _rollover_settings,
    "loan_repayment": _repayment_settings,
    "loan_offset": _offset_settings,
    "future_value": _growth_settings,
    "rebalance": _rebalance_settings,
}


def extract_settings(calculator: str, question: str) -> Settings:
    """The worded settings of a calculator found in the question, and the spans they used."""
    reader = READERS.get(calculator)
    return reader(question) if reader else ({}, [])
