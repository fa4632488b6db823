"""Taking money out in retirement and a plan with poor funds (knowledge/faq: withdrawals.in-retirement,
investing.poor-fund-menu), and the reading gaps found beside them. Our own questions.

A retiree asking how to draw the 401(k) down without a large tax bill had been given the withholding
entry; a complaint about a plan's expensive funds, the cost of fees over time. Real English words used
only by alternates were taken for planted typos and "repaired" into other words ("designation" into
"destination", "owing" into "owning", "crashing" into "cashing"), and questions were then read the same
wrong way. Pulling from, tapping or dipping into the 401(k) was no withdrawal; "still drawing a
paycheck" was no work; "doesn't match anything" read as a question about the match formula;
"auto enrolled at 3%" never placed a question in the domain on its own.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "question",
    [
        "Retiring at 63 next June. What's a smart way to take money out of the 401k over the years so the tax "
        "stays low?",
        "we're both retired now, 68 and 66. should we take a little from the 401k every year or one big chunk, "
        "tax wise?",
        "Once retired, do I tap the Roth 401k or the pre-tax balance first?",
    ],
)
def test_drawing_the_401k_down_in_retirement_gets_the_entry_that_answers_it(assistant, question):
    answer = assistant.ask(question)
    assert answer.entry == "withdrawals.in-retirement", (answer.kind, answer.entry)


def test_a_states_tax_on_withdrawals_in_retirement_is_still_declined(assistant):
    """The new entry speaks of withdrawals in retirement and tax; a state's own tax it does not cover."""
    answer = assistant.ask(
        "I'm 64 and moving from Ohio to Arizona when I retire in May. Does Arizona tax my 401k withdrawals?"
    )
    assert answer.kind == "fallback", (answer.kind, answer.entry)


@pytest.mark.parametrize(
    "question",
    [
        "The only funds in our 401k are pricey actively managed ones. How do I get the company to add an index fund?",
        "Our plan's investment lineup is terrible and the fees are high. Who can I complain to?",
    ],
)
def test_a_poor_fund_menu_gets_what_can_be_done_about_it(assistant, question):
    answer = assistant.ask(question)
    assert answer.entry == "investing.poor-fund-menu", (answer.kind, answer.entry)


def test_what_fees_cost_over_time_stays_with_the_fees_entry(assistant):
    answer = assistant.ask("how much will a 1% expense ratio cost me over 25 years")
    assert answer.entry == "projections.fees-impact", (answer.kind, answer.entry)


@pytest.mark.parametrize(
    ("word", "not_read_as"),
    [("designation", "destination"), ("owing", "owning"), ("crashing", "cashing"), ("present", "prevent")],
)
def test_a_real_english_word_is_no_typo_of_a_domain_word(assistant, word, not_read_as):
    tokens = assistant.read(f"a question with {word} in it about my 401k").tokens
    assert not_read_as not in tokens, tokens
    assert assistant.matcher.correct(word) == word


def test_a_real_typo_is_still_repaired(assistant):
    assert "retirement" in assistant.read("how does my retirment plan work").tokens


@pytest.mark.parametrize(
    "question",
    [
        "should I pull from my 401k before I claim Social Security",
        "tapping the Roth 401k first when I stop working",
        "I had to dip into my 401k last year",
        "drawing down the 401k in my sixties",
    ],
)
def test_pulling_from_tapping_or_dipping_into_the_plan_is_a_withdrawal(assistant, question):
    assert "withdraw" in assistant.read(question).tokens


def test_tapping_the_plan_for_a_loan_is_a_loan_not_a_withdrawal(assistant):
    tokens = assistant.read("can I tap my 401k as a loan for a car").tokens
    assert "loan" in tokens and "withdraw" not in tokens, tokens


def test_drawing_a_paycheck_is_working(assistant):
    reading = assistant.read("My mother is 74 and still drawing a paycheck. Can she keep adding to her 401k?")
    assert "work" in reading.tokens and "draw" not in reading.tokens, reading.tokens
    answer = assistant.ask("My mother is 74 and still drawing a paycheck. Can she keep adding to her 401k?")
    assert answer.entry == "contributions.older-workers", (answer.kind, answer.entry)


@pytest.mark.parametrize(
    "text",
    ["my employer doesn't match anything", "there is no company match", "they do not offer a match, so"],
)
def test_no_match_is_one_thing_not_the_match(assistant, text):
    tokens = assistant.read(text).tokens
    assert "nomatch" in tokens and "match" not in tokens, tokens


def test_a_match_that_stops_above_the_pay_limit_is_still_the_match(assistant):
    assert "match" in assistant.read("no match on pay above the IRS limit?").tokens


def test_auto_enrolled_at_a_rate_is_a_question_about_the_plan(assistant):
    """Named by no plan word, "auto enrolled at 4%" had been a weak-domain question, declined at the margin."""
    answer = assistant.ask(
        "Got auto enrolled at 4% when I was hired in October and never noticed. "
        "Can I opt out now and get that money refunded?"
    )
    assert answer.entry == "getting-started.auto-enroll-refund", (answer.kind, answer.entry)


def test_auto_enrolled_in_health_coverage_is_not_the_plan(assistant):
    normalized = assistant.matcher.normalize("I was auto enrolled in the dental plan")
    assert "automatic_enrollment" not in normalized.concepts


def test_this_years_rmd_after_a_spouses_death_gets_the_surviving_spouse_entry(assistant):
    answer = assistant.ask(
        "My wife passed in September at 76 and she had not taken her RMD yet. Do I take it, and what do I do "
        "with her 401k now?"
    )
    assert answer.entry == "rmds.surviving-spouse", (answer.kind, answer.entry)


def test_shifting_an_ira_into_the_plan_is_a_roll_in(assistant):
    normalized = assistant.matcher.normalize("can I shift my old IRA into my 401k at work")
    assert "ira_into_plan" in normalized.concepts


def test_starting_ones_own_401k_is_a_solo_401k(assistant):
    """ "Start my own 401k-type plan" had been read as a new employer's plan."""
    answer = assistant.ask(
        "Self-employed plumber, 49, netting about 85k, and my 401k from the union job is still open. "
        "Can I start my own 401k-type plan for the business too?"
    )
    assert answer.entry == "contributions.side-business", (answer.kind, answer.entry)
    assert "solo401k" not in assistant.read("my husband's 401k and my own 401k both have loans").tokens


def test_the_consequences_of_something_are_what_happens(assistant):
    """ "Consequences" was a word of one alternate ("withdraw anytime without consequences"), which drew a
    question about cashing out to the myth that 401(k) money is there penalty-free."""
    assert "happen" in assistant.read("the consequences of stopping my loan payments").tokens
    answer = assistant.ask("What would the consequences be if I cashed out my old 401k at 40?")
    assert answer.entry == "rollovers.cash-out", (answer.kind, answer.entry)


@pytest.mark.parametrize(
    "question",
    [
        "Thinking about stopping my 401k contributions so I can pay down my credit cards faster. Good idea?",
        "Should I cut my deferral to 2% to put more toward my car loan? I'm 29.",
    ],
)
def test_cutting_contributions_to_pay_a_debt_is_the_debt_or_saving_question_declined(assistant, question):
    """Weighing a debt against saving is personal advice the sources do not give; said as stopping or cutting
    contributions "so I can pay off" a debt it had been answered by the student-loan match at 0.91."""
    assert "debt_or_saving" in assistant.matcher.normalize(question).concepts
    assert assistant.ask(question).kind == "fallback"


def test_stopping_contributions_to_repay_a_plan_loan_is_no_debt_question(assistant):
    normalized = assistant.matcher.normalize("Can I stop contributing so I can pay off my 401k loan sooner?")
    assert "debt_or_saving" not in normalized.concepts


@pytest.mark.parametrize(
    "question",
    [
        "Put $7,000 into my Roth IRA in March, then got a raise and my income ended up too high. How do I undo it?",
        "how do I take out an excess IRA contribution before I file? I also have a 401k at work",
    ],
)
def test_fixing_an_ira_contribution_one_could_not_make_is_declined(assistant, question):
    """An IRA's own rule (the excess withdrawn by the return's due date): the Roth comparison had answered it."""
    assert "ira_excess" in assistant.matcher.normalize(question).concepts
    assert assistant.ask(question).kind == "fallback"


def test_too_much_income_for_a_roth_ira_still_gets_the_roth_401k(assistant):
    answer = assistant.ask("We earn too much for a Roth IRA. I have a 401k at work, what are our options?")
    assert answer.entry == "comparisons.roth-ira-vs-roth-401k", (answer.kind, answer.entry)


def test_a_couple_not_divorced_is_still_married(assistant):
    """ "Not divorced but separated" had read as a divorce, and a question of who inherits went to the QDRO."""
    question = "If I die, who gets my 401k, my son or my wife? We never got divorced, just live apart."
    tokens = assistant.read(question).tokens
    assert "divorc" not in tokens and "marri" in tokens, tokens
    answer = assistant.ask(question)
    assert answer.entry == "rmds.beneficiaries", (answer.kind, answer.entry)


def test_a_transit_benefit_beside_the_401k_is_declined(assistant):
    """Pre-tax commuting money (a transit or commuter benefit) is a benefit of its own the sources do not
    cover; "pre-tax" and the plan's match in the story had drawn the match formula."""
    answer = assistant.ask(
        "We get a 401k with a 5% match at work plus a commuter benefit for the bus. How much can I put "
        "toward transit pre-tax every month?"
    )
    assert answer.kind == "fallback", (answer.kind, answer.entry)
