"""Numeric questions go to calculators; conversations supply and change inputs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import TODAY
from vested.core.conversation import Conversation


def ask_all(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(question, conversation) for question in questions]


@pytest.mark.parametrize(
    ("question", "tool", "fact"),
    [
        ("my vested balance is 64k, how much can I borrow?", "loan_maximum", "$32,000.00"),
        ("I've got $130,000 vested. Max loan?", "loan_maximum", "$50,000.00"),
        ("indirect rollover of 60000, I only redeposit the check, I am 50", "indirect_rollover", "$1,200.00"),
        ("they mailed me an $18,000 check to roll over; what must I make up?", "indirect_rollover", "$3,600.00"),
        ("I'm 60 - how much can I put in my 401k in 2026?", "contribution_limit", "$35,750.00"),
        ("age 40, max 401k contribution for 2026", "contribution_limit", "$24,500.00"),
        ("born in 1962, when do my RMDs start?", "rmd", "April 1, 2038"),
        ("I was born in 1958. When is my first RMD due?", "rmd", "April 1, 2032"),
        ("I'm 38 and want to cash out $50,000", "early_withdrawal", "$5,000.00"),
        ("$250,000 at 75/25 and I want 60/40, how do I rebalance", "rebalance", "$37,500.00"),
        ("I'm 35, what share of my 401k should be in stocks?", "allocation", "85%"),
        (
            "my company gives 100% of the first 3% and 50% of the next 2%; I make $50,000 and defer 6%",
            "employer_match",
            "$2,000.00",
        ),
        ("how vested am I after 5 years with a 2 to 6 year graded schedule", "vesting", "80%"),
        ("3 year cliff vesting and I've worked there 1 year, how vested am I", "vesting", "0%"),
        ("putting away $8,800 per year at 6% for 30 years, what will I end up with", "future_value", "$695,712.04"),
        # the unit and settings around a number, however they are worded
        (
            "employer match 50% up to 6%, salary 100k, i put in 10%: what does my employer add?",
            "employer_match",
            "$3,000.00",
        ),
        (
            "3-year cliff vesting and I just hit my 3-year anniversary, how much of the match is mine?",
            "vesting",
            "100%",
        ),
        ("I just turned 55. Using the 110/120 minus age rule, how much in stocks?", "allocation", "55% to 65%"),
        (
            "I'm 42 and plan to take $30,000 out of my 401(k). What's the additional 10% tax?",
            "early_withdrawal",
            "$3,000.00",
        ),
        ("FV of 9,000 yearly contributions, 25 years, 6% return", "future_value", "about $493,781"),
        (
            "contributions plus match come to $5,000 a year, I earn 4.5% a year for 15 years: what do I end up with?",
            "future_value",
            "about $103,920",
        ),
        ("over-50 and 51 years old, what's my 401-k max for 2025?", "contribution_limit", "$31,000.00"),
        (
            "Employer kicks in 25% on contributions up to 8% of salary. I contribute 6%. Total rate?",
            "employer_match",
            "7.5%",
        ),
        (
            "I have 50k after-tax in a 300k account and take 30k out, how much is taxable",
            "after_tax_basis_share",
            "$5,000.00",
        ),
        ("how much will 500 a month grow to in 25 years at 7%", "future_value", "$391,520.94"),
        # the calculators of issue 15 point 6
        ("My RMD was $12,000 and I only took $4,000. What's the penalty?", "missed_rmd", "$2,000.00"),
        ("I forgot to take my $12,000 RMD last year, what's the penalty?", "missed_rmd", "$3,000.00"),
        (
            "I changed jobs mid year: $15,000 went into my old 401k and $12,000 into the new one. "
            "How much did I over contribute?",
            "excess_deferral",
            "$2,500.00",
        ),
        (
            "I'm 45 and need a $20,000 hardship withdrawal. How much will be withheld?",
            "hardship_withdrawal",
            "$2,000.00",
        ),
        (
            "I'm 40 and leaving my job with $12,000 still owed on my 401(k) loan. What will I owe?",
            "loan_offset",
            "$1,200.00",
        ),
        # "making" names a salary, not a contribution; "what will I have" asks for a projection
        (
            "Making $70k, deferring 5%; they match half of the first 6%. What's the company's match?",
            "employer_match",
            "$1,750.00",
        ),
        (
            "I'm making 95,000 and saving 6%; the company matches dollar for dollar up to 4%. "
            "What will I have after 20 years at 6%?",
            "future_value",
            "$349,463.12",
        ),
        (  # a textbook RMD question with its own table and balances at two year-ends (issue 15)
            "Olga (age 76 at end of 2016) stopped working years ago. Her 401(k) was worth $880,000 on December 31, "
            "2016 and $910,000 on December 31, 2017. Using the table given (distribution period: age 76 22.0, "
            "77 21.2, 78 20.3), how much must Olga withdraw for 2017?",
            "rmd",
            "$41,509.43",
        ),
        (  # 70½ on a date, January 1 values given "respectively", the first RMD (issue 15)
            "Pavel turned 70 1/2 on February 20, 2017. His plan was worth $300,000, $320,000 and $350,000 on "
            "January 1, 2016, January 1, 2017 and January 1, 2018, respectively. The divisors for ages 70, 71 "
            "and 72 are 27.4, 26.5 and 25.6. What is Pavel's first required minimum distribution?",
            "rmd",
            "$12,075.47",
        ),
    ],
)
def test_question_goes_to_its_calculator(assistant, question, tool, fact):
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation is not None and answer.calculation.tool == tool
    assert fact in answer.answer
    assert answer.calculation.steps
    assert answer.sources


@pytest.mark.parametrize(
    "question",
    [
        "How high is the 401k contribution limit in 2025?",
        "How big was the catch-up contribution in 2019?",
        "How does 3-year cliff vesting work?",
        "how much can I borrow from my plan",
        # numbers that name things, or only an age: a question about the rule, not a sum
        "where do I report the withholding from my 1099-R?",
        "what is the combined limit under section 415?",
        "what changed in SECURE 2.0 for catch-ups?",
        "what do I lose if I cash out in my 30s?",
        "if I leave my job the year I turn 55, can I withdraw without the penalty?",
        # a situation the calculator does not model, or a rule's threshold rather than a sum
        "I'm 75 and still employed, must I take an RMD from my current plan?",
        "are catch-ups forced into Roth when wages were above $150,000?",
        "do my own 401-k deferrals vest right away?",
        "do all 401k plans allow you to take out a loan?",
        # a year is a birth year only with words that say so
        "what is the penalty for missing an RMD in 2019",
        # Roth money is beyond the early-withdrawal calculator's model (its contributions come out untaxed)
        "what happens if I withdraw 10000 from my roth 401k at 40",
        # a choice between two things, whatever numbers the story gives
        "I earn about 88k and can defer pre-tax or Roth. I'm 29. Which one makes more sense right now?",
        # an income measure is no sum in the plan, and "is any of it" asks about the rule
        "Surgery bills came to $25,000 and my AGI is about $70,000. If I draw on my 401k at 48 to cover them, "
        "is any of it free of the 10% penalty?",
    ],
)
def test_general_questions_stay_faq(assistant, question):
    assert assistant.ask(question).kind == "faq"


def test_a_story_that_asks_for_no_figure_is_not_asked_back_for_one(assistant):
    """No sentence asks for a sum and an input is missing: the rule answers, not "I also need your age"."""
    story = (
        "My plan says I can take a hardship distribution for the eviction notice. "
        "I have 14,000 in the account and the landlord wants 6,000 by Friday."
    )
    assert assistant.ask(story).kind != "clarify"


def test_a_story_that_asks_for_no_figure_is_not_asked_what_its_numbers_stand_for(assistant):
    story = (
        "I turned 73 and stopped working. My first required withdrawal went out in December of this year. "
        "My CPA warns of two of them next year. What did I do wrong?"
    )
    assert assistant.ask(story).kind != "clarify"


def test_missing_input_asks_for_it_and_the_reply_supplies_it(assistant):
    clarify, answer = ask_all(assistant, "how much can I borrow? I still owe 5000 on a loan", "80k")
    assert clarify.kind == "clarify"
    assert "vested account balance" in clarify.answer
    assert clarify.sources, "the general rule comes with its citation"
    assert answer.kind == "calculation"
    assert "$35,000.00" in answer.answer


def test_follow_up_reruns_with_the_changed_number(assistant):
    first, second, third = ask_all(assistant, "how much can I borrow with 80k vested?", "what about 120k?", "and 30k?")
    assert "$40,000.00" in first.answer
    assert "$50,000.00" in second.answer
    assert "$15,000.00" in third.answer


def test_follow_up_changes_the_age(assistant):
    first, second = ask_all(assistant, "I'm 55, what's the most I can contribute in 2026?", "and if I'm 61?")
    assert "$32,500.00" in first.answer
    assert "$35,750.00" in second.answer


def test_a_new_question_is_not_taken_as_a_follow_up(assistant):
    _, answer = ask_all(assistant, "born 1962 with 500k balance what is my rmd", "How does 3-year cliff vesting work?")
    assert answer.kind != "calculation"


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("my account is worth $10,000, my after-tax basis is $2,000 and I withdraw $50,000", "larger than"),
        ("I'm 150 and cash out $10,000", "between 0 and 120"),
        ("I have 1e30 dollars vested, how much can I borrow?", "far too large"),
        ("I have 1e12 dollars vested, how much can I borrow?", "at most"),
    ],
)
def test_bad_input_is_explained_not_raised(assistant, question, message):
    answer = assistant.ask(question)
    assert answer.kind == "clarify"
    assert message in answer.answer


def test_the_calculators_are_found_by_name_in_the_modules_that_register_them():
    """vested.calculate lists each calculator's module, so a question loads only the calculators it may need."""
    from vested.calculate import names, registry, spec

    assert names() == tuple(registry())
    for name, registered in registry().items():
        assert spec(name) is registered
    assert spec("no_such_calculator") is None


def test_every_example_question_reaches_its_calculator(assistant):
    from vested.calculate import registry
    from vested.calculate.questions import EXAMPLE_QUESTIONS

    assert set(EXAMPLE_QUESTIONS) == set(registry())
    for name, question in EXAMPLE_QUESTIONS.items():
        answer = assistant.ask(question)
        assert answer.kind == "calculation", (name, answer.answer[:200])
        assert answer.calculation.tool == name


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        (
            "I make $100,000, contribute 6%, and my employer matches 100% of the first 3% and 50% of the next 2%.",
            "$4,000.00",
        ),
        ("I contribute 8% of my 70k salary and the company matches 50% up to 6%", "$2,100.00"),
        (
            "My balance is $200,000 and $50,000 of it is after-tax. If I take out $20,000, how much is tax free?",
            "$5,000.00",
        ),
    ],
)
def test_settings_and_amounts_in_any_order(assistant, question, fact):
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer
    assert fact in answer.answer


def test_a_calculation_opens_with_what_it_read_and_the_words_it_came_from(assistant):
    answer = assistant.ask("I've got 90k vested and no loans so far. What's the most I could borrow?")
    assert answer.kind == "calculation"
    assert answer.reading is not None
    assert str(answer.reading.inputs["vested"].value) == "90000"
    first = answer.answer.splitlines()[0]
    assert first.startswith("I read: Vested balance $90,000.00 (“")
    assert "90k vested" in first


def test_a_calculation_is_as_confident_as_its_reading_is_complete(assistant):
    every_number_named = assistant.ask("My vested balance is $70,000 and I have never borrowed. How much can I borrow?")
    assert every_number_named.kind == "calculation"
    assert every_number_named.confidence == 1.0
    car_loan_aside = assistant.ask("I have 70k vested and a 9k car loan. What's the most I could borrow from my 401k?")
    assert car_loan_aside.kind == "calculation"
    assert car_loan_aside.confidence == 1.0
    leftover = assistant.ask("I turn 41 in 2027 and have 70k vested. What's the most I could borrow from my 401k?")
    assert leftover.kind == "calculation"
    assert leftover.confidence < 1.0


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        # 250 × [(1.005)^240 − 1] / 0.005: a nominal 6% compounded monthly is 0.5% a month
        (
            "Putting $250 in every month for 20 years at 6% compounded monthly, what will the account be worth?",
            "115,510.22",
        ),
        # 1,000 × [(1.04)^10 − 1] / 0.04 × 1.04: each deposit at the start of its year earns a year more
        ("If I deposit $1,000 at the start of every year for 10 years at 4%, how much will I have?", "12,486.35"),
    ],
)
def test_a_projections_stated_conventions_are_read(assistant, question, figure):
    answer = assistant.ask(question)
    assert answer.kind == "calculation"
    assert f"${figure}" in answer.answer


def test_asked_for_the_most_the_employer_adds_works_at_the_deferral_that_earns_it_all(assistant):
    answer = assistant.ask(
        "I earn $90,000 and my employer matches half of what I put in, up to 6% of pay. "
        "What's the most my employer will put into my 401k in a year?"
    )
    assert answer.kind == "calculation"
    assert answer.calculation is not None
    assert str(answer.calculation.outputs["match"]) == "2700"  # 50% × 6% × $90,000
    told_own_rate = assistant.ask(
        "I earn $90,000 and my employer matches half of what I put in, up to 6% of pay. "
        "I put in 4%. How much is my match?"
    )
    assert str(told_own_rate.calculation.outputs["match"]) == "1800"  # 50% × 4% × $90,000


def test_a_rule_question_whose_numbers_fill_a_calculator_gets_the_figure_beneath_the_rule(assistant):
    """Issue 15's "what is asked decides": the rule answers the question, the worked figure follows."""
    answer = assistant.ask(
        "The plan paid my $30,000 distribution to me and withheld 20%. "
        "I'd like every dollar of the $30,000 in an IRA. Does the plan refund what it kept?"
    )
    assert answer.kind == "calculation"
    assert answer.calculation is not None and answer.calculation.tool == "indirect_rollover"
    rule, _, figure = answer.answer.partition("**With your numbers**")
    assert "credit" in rule.lower() or "refund" in rule.lower(), "the rule's answer comes first"
    assert "$6,000.00" in figure


@pytest.mark.parametrize(
    "question",
    [
        # the balance is not the sum taken out: a number filled by its form alone gives no figure
        "I'm 48 with $90,000 in my 401(k). Can I take a hardship withdrawal for my mother's surgery?",
        # a number nobody explained could change the figure
        "I had my $40,000 distribution paid to me and the check was $32,000, then I spent $5,000. "
        "Can I still roll it over?",
    ],
)
def test_a_rule_question_with_an_incomplete_reading_gets_no_figure(assistant, question):
    assert assistant.ask(question).kind == "faq"


def test_a_yearly_employer_sum_beside_monthly_savings_is_asked_about_not_added_as_monthly(assistant):
    """Adding $2,400 a year to $400 a month as one monthly deposit would be a confident wrong figure."""
    answer = assistant.ask(
        "I put away $400 a month and the company adds $2,400 a year. At 6% what will I have in 25 years?"
    )
    assert answer.kind == "clarify"
    assert "yearly" in answer.answer and "monthly" in answer.answer
    same_period = assistant.ask(
        "I put away $400 a month and the company adds $200 a month. At 6% what will I have in 25 years?"
    )
    assert same_period.kind == "calculation"


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        # the sum rolled over sits next to words of the whole ("rolled", "of"): it can never be the larger
        (
            "At 44 I left my job and took a $36,000 distribution; within 60 days I rolled $21,000 of it into an "
            "IRA. What do I owe?",
            {"taxable_shortfall": "15000", "additional_tax": "1500"},
        ),
        # a stated rate other than 20% is read as stated, and the check and withholding in dollars agree with it
        (
            "My plan paid out $64,000 but held back 30% for taxes, so the check was $44,800. What must I add "
            "to roll the whole thing over?",
            {"withheld": "19200", "to_add": "19200", "full_rollover": "64000"},
        ),
        # the answers of a multiple-choice question are candidates, never inputs
        (
            "Pat got a $14,000 payout from an old plan; $2,800 was withheld for taxes. How much must Pat deposit "
            "within 60 days so none of it is taxed? $0, $2,800, $11,200 or $14,000?",
            {"full_rollover": "14000", "to_add": "2800"},
        ),
        # a check said to come after the withholding is the net: the whole paid out is worked back from it
        (
            "I got a $12,000 check after they withheld 20%. How much must I deposit to roll all of it over?",
            {"received": "12000", "full_rollover": "15000", "to_add": "3000"},
        ),
    ],
)
def test_indirect_rollover_reads_the_whole_the_part_and_the_withholding(assistant, question, figures):
    answer = assistant.ask(question, Conversation())
    assert answer.kind == "calculation" and answer.calculation is not None
    assert answer.calculation.tool == "indirect_rollover"
    outputs = answer.calculation.outputs
    assert {name: Decimal(str(outputs.get(name))) for name in figures} == {
        name: Decimal(value) for name, value in figures.items()
    }


def test_a_part_said_larger_than_its_whole_is_refused_not_swapped(assistant):
    """'$50,000 of my $40,000' is impossible as asked: no figure for the other reading."""
    answer = assistant.ask("I put $45,000 of my $35,000 payout back into an IRA within 60 days. What do I owe?")
    assert answer.kind != "calculation"
    assert "$45,000.00" in answer.answer and "$35,000.00" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "My grandmother left me her 401k. She was 82 and drawing RMDs. I'm 47. Must I take money out each year?",
        "Dad died at 79 and I'm the beneficiary of his $300,000 401k. I'm 51. What's my RMD?",
    ],
)
def test_an_inherited_accounts_rmd_is_never_worked_as_the_heirs_own(assistant, question):
    """The RMD calculator models an owner's own distributions; an heir's follow the beneficiary rules,
    so a figure from the heir's age (a first RMD decades away) would be confidently wrong."""
    answer = assistant.ask(question)
    assert answer.calculation is None
    assert answer.kind in {"faq", "fallback"}


def test_how_much_is_my_rmd_asks_the_rmd_calculator_and_not_a_limit_from_the_balance(assistant):
    """'How much is my RMD' names the RMD calculator; a balance "in my 401k" is never last year's wages."""
    answer = assistant.ask("I'm 68, retired, and hold $420k in my 401k. How much is my RMD this year?")
    assert answer.calculation is not None and answer.calculation.tool == "rmd"
    assert Decimal(answer.calculation.outputs["rmd"]) == 0  # born 1958: the RMD age is 73


def test_a_spouse_as_sole_beneficiary_gets_the_rule_not_the_uniform_table_figure(assistant):
    """A spouse more than 10 years younger and sole beneficiary uses the joint-life table, which the
    calculator does not apply: the RMD entry answers rather than a uniform-table figure."""
    answer = assistant.ask("I'm 75, retired, with $380k in my 401k. My husband, 61, is my sole beneficiary. My RMD?")
    assert answer.calculation is None


def test_a_calculation_read_from_relative_years_quotes_the_askers_own_words(assistant):
    """ "last year" is read as 2025 (the tests' clock says 2026), yet the answer shows what was written."""
    question = "My mom skipped her $6,400 required distribution last year. What does she owe for that?"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "missed_rmd"
    assert answer.question == question
    assert "$6,400 required distribution last year" in answer.answer and "2025”" not in answer.answer
    assert answer.reading.inputs["year"].value == 2025
    assert all("2025" not in read.source for read in answer.reading.inputs.values())


def test_a_check_after_the_withholding_is_the_sum_received_not_the_distribution(assistant):
    answer = assistant.ask(
        "The plan mailed me a check for $24,000 after holding back the 20% for federal taxes. "
        "How much extra do I need to roll the whole distribution over?"
    )
    assert answer.calculation.tool == "indirect_rollover"
    assert "$30,000.00" in answer.answer and "adding $6,000.00" in answer.answer


def test_a_sum_pulled_out_of_the_401k_to_pay_debts_is_the_withdrawal(assistant):
    answer = assistant.ask(
        "At 38 I'd take $18,000 out of my 401(k) for the car note. I'm in the 12% bracket. "
        "How much would I have left after the penalty and the tax?"
    )
    assert answer.calculation.tool == "early_withdrawal"
    assert answer.reading.inputs["amount"].value == "18000"


def test_the_match_asked_about_is_not_read_as_the_formula(assistant):
    """ "what's the match" names what is asked, not a 4% match: the formula is the employer's own clause."""
    answer = assistant.ask(
        "The firm gives 25 cents per dollar up to 8% of pay. I earn 90k. If I do 5%, what's the match?"
    )
    assert answer.calculation.tool == "employer_match"
    assert answer.reading.inputs["deferral_rate"].value == "0.05"
    assert "$1,125.00 match" in answer.answer  # 25% of 5% of $90,000


def test_the_current_year_left_unread_cannot_change_an_rmd(assistant):
    answer = assistant.ask("I turn 75 this year and held $600,000 in my 401(k) last December 31. What's my RMD?")
    assert answer.kind == "calculation"
    assert "$24,390.24" in answer.answer  # 600,000 / 24.6, the period at 75


def test_the_current_year_beside_another_read_year_still_doubts_the_figure(assistant):
    """With "next year" read as the RMD's year, "this year" might be the one meant: no figure for a story
    asking what went wrong."""
    answer = assistant.ask(
        "Mom is 73 and retired. She took her first RMD in November of this year. "
        "Her CPA says she'll owe two RMDs next year. What went wrong?"
    )
    assert answer.kind != "calculation"


def test_an_after_tax_account_told_with_its_basis_is_shared_out_of_that_account(assistant):
    answer = assistant.ask(
        "My after-tax contributions total $12,000 and the after-tax account is worth $16,000. "
        "If I withdraw $4,000, how much is tax-free?"
    )
    assert answer.calculation.tool == "after_tax_basis_share"
    assert answer.reading.inputs["account_value"].value == "16000"
    assert "$3,000.00" in answer.answer  # 4,000 x 12,000 / 16,000


def test_a_graded_schedule_told_with_its_first_step_leaves_the_service_to_the_worked_years(assistant):
    answer = assistant.ask(
        "I was employed there 5 years and 1 month. Their 6-year graded vesting starts at 20% after 2 years. "
        "I have $15,000 of company match. How much of it is vested?"
    )
    assert answer.calculation.tool == "vesting"
    assert "$12,000.00" in answer.answer  # 80% after 5 whole years
    assert "cliff" not in answer.reading.inputs


def test_a_hardship_withdrawal_withheld_at_a_stated_rate_is_settled_against_it(assistant):
    answer = assistant.ask(
        "I took a $6,000 hardship withdrawal at 39 and they withheld 20%. "
        "I'm in the 12% bracket. What do I owe at tax time?"
    )
    assert answer.calculation.tool == "hardship_withdrawal"
    assert "$1,200.00 is withheld" in answer.answer
    assert "$120.00 more is due when you file" in answer.answer  # 12% + 10% of 6,000 = 1,320, less 1,200


def test_a_spelled_duration_is_quoted_once(assistant):
    answer = assistant.ask("I skipped an RMD of $7,000 three years ago and never fixed it. What is the excise tax?")
    assert "three years years" not in answer.answer


def test_am_i_over_the_limit_after_two_employers_is_about_the_excess_not_the_job_change(assistant):
    answer = assistant.ask(
        "Moved employers in May; deferred $14,000 at the first and $13,000 at the second. I'm 44. "
        "Am I over the limit this year?"
    )
    worked = answer.calculation is not None and answer.calculation.tool == "excess_deferral"
    assert answer.entry == "contributions.two-employers" or worked


def test_a_birth_month_before_the_year_is_read_with_it(assistant):
    """Born in August 1949 is after June 30, 1949: the RMD age is 72, not the 70 1/2 of a January birth."""
    answer = assistant.ask("Dad was born in August 1949 and had $250,000 at the end of last year. What's his RMD?")
    assert answer.reading.inputs["birth_date"].value == "1949-08-01"
    assert "RMD age is 72" in answer.answer


def test_leaving_the_balance_alone_until_an_age_projects_no_deposits_over_the_years_between(assistant):
    answer = assistant.ask("I'm 40 with $60k in my 401k. If I let it sit until 67 at 6% a year, what will it be?")
    assert answer.calculation.tool == "future_value"
    assert answer.reading.inputs["years"].value == 27
    assert "$289,340.76" in answer.answer  # 60,000 x 1.06^27


def test_a_loan_balance_had_now_is_owed_not_the_highest_of_the_year(assistant):
    answer = assistant.ask("I have a loan balance of $5,000 and $40,000 vested. How much more can I borrow?")
    assert "$15,000.00 more" in answer.answer


def test_a_chosen_withdrawal_rate_is_no_rmd(assistant):
    answer = assistant.ask("If I retire at 63 with $900,000 and withdraw 4% a year, how much is that each month?")
    assert answer.calculation is None or answer.calculation.tool != "rmd"


def test_cashing_out_a_share_of_the_balance_is_not_worked_on_the_whole(assistant):
    answer = assistant.ask("I'm 39 and my 401k holds $70,000. If I cash out half, what does it cost? 24% bracket.")
    assert answer.calculation is None or "$70,000.00" not in answer.answer


def test_a_solo_401k_figure_is_not_worked_by_an_employees_calculator(assistant):
    answer = assistant.ask("I earn $95k from freelancing. How much can I put in a solo 401k as employee and employer?")
    assert answer.calculation is None


def test_a_safe_withdrawal_plan_is_not_one_withdrawals_tax_nor_a_limit(assistant):
    answer = assistant.ask("We're 67 and 65 with $900k in our 401ks. How much can we safely withdraw every year?")
    assert answer.calculation is None or answer.calculation.tool not in {"early_withdrawal", "contribution_limit"}


def test_what_i_put_in_myself_is_kept_whatever_the_cliff(assistant):
    answer = assistant.ask(
        "The company put in $2,500 and I put in $5,000. I left after 20 months and the plan has a 3-year cliff. "
        "How much do I get to keep?"
    )
    assert answer.calculation.tool == "vesting"
    assert "$5,000.00 is yours" in answer.answer


def test_two_old_balances_are_not_two_employers_deferrals(assistant):
    answer = assistant.ask("I have two old 401ks, $21k and $40k. If I move both to my new plan, what's the total?")
    assert answer.calculation is None or answer.calculation.tool != "excess_deferral"


def test_turning_an_age_next_year_is_the_year_the_rmd_is_for(assistant):
    answer = assistant.ask("Dad is turning 76 next year with $230,000 in his 401k at the end of this year. His RMD?")
    assert answer.kind == "calculation" and answer.calculation.tool == "rmd"
    assert answer.reading.inputs["distribution_year"].value == 2027
    assert "$9,704.64" in answer.answer  # 230,000 / 23.7, the Uniform Lifetime Table's period at 76


def test_a_story_told_right_now_with_figures_is_not_given_a_year(assistant):
    answer = assistant.ask("Right now I hold $120,000 in stocks and $30,000 in bonds. I want 70/30. What do I sell?")
    assert answer.calculation is None or answer.calculation.tool != "rmd"
    assert "2026" not in answer.question


def test_asking_how_two_funds_differ_is_no_mix_worked_from_the_age(assistant):
    answer = assistant.ask(
        "I'm 61 and moving some money to safety. The menu has a stable value fund and a bond index fund. "
        "What is the difference between them?"
    )
    assert answer.calculation is None


def test_a_former_employer_that_has_not_sent_the_rollover_is_holding_it_up(assistant):
    answer = assistant.ask(
        "Left my employer in June and asked for my 401k to go into my IRA. They haven't done it yet "
        "and HR won't answer my messages. What now?"
    )
    assert answer.entry == "rollovers.employer-wont-release"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("abcKkSsIi -'$%.0123\u212a\u017f\u0130\u0131"), max_size=40),
    cue=st.text(alphabet=st.sampled_from("abcKkSsIi -'$"), min_size=1, max_size=6),
)
def test_a_cue_skipped_unread_could_not_have_matched(text, cue):
    """The router skips compiling a cue's pattern only where it cannot match: an ASCII text without the cue
    in any case (re's case-insensitive matching pairs 'k' with the Kelvin sign, 's' with the long s)."""
    from vested.calculate.router import _cannot_hold, _cue_pattern

    if _cannot_hold(text, cue):
        assert _cue_pattern(cue).search(text) is None


def test_an_income_limit_is_not_the_deferral_limit(assistant):
    """Who may put money into a Roth IRA (an income test) is not what the plan takes: no age asked for to
    work out the deferral limit."""
    answer = assistant.ask(
        "We earn too much for a Roth IRA, about $270k between us. What's the income limit for 2026, "
        "and how does a backdoor Roth work?"
    )
    assert answer.kind not in {"calculation", "clarify"}


@settings(max_examples=25, deadline=None)
@given(
    sum_words=st.sampled_from(["$100k", "$100,000", "100 grand", "a $100,000 lump sum"]),
    grows=st.sampled_from(["grow to", "be worth", "turn into"]),
    asking=st.sampled_from(
        ["How much will {sum} {grows} in 20 years at 6%?", "What would {sum} {grows} in 20 years at 6%?"]
    ),
)
def test_a_lump_sum_left_to_grow_is_the_start_not_a_yearly_deposit(assistant, sum_words, grows, asking):
    """ "How much will $100k grow to" was worked as $100,000 put in every year ($3,678,559)."""
    answer = assistant.ask(asking.format(sum=sum_words, grows=grows))
    assert answer.kind == "calculation" and answer.calculation.tool == "future_value"
    assert answer.calculation.outputs["future_value"].startswith("320713.5")  # 100,000 x 1.06^20


def test_a_sum_left_alone_grows_with_nothing_more_put_in(assistant):
    answer = assistant.ask("If I leave $100k alone for 20 years at 6%, what will it grow to?")
    assert "about $320,714" in answer.answer
    monthly = assistant.ask("how much will $500 a month grow to in 30 years at 7%?")
    assert monthly.reading.inputs["contribution"].value == "500"


@pytest.mark.parametrize(
    "taken_off", ["after taking out 20% for taxes", "after deducting the 20%", "after they deducted 20% for the IRS"]
)
def test_a_check_after_the_withholding_was_taken_off_is_what_was_received(assistant, taken_off):
    """A check "for $28,000 after taking out 20%" was worked as the gross (a $5,600 shortfall, not $7,000)."""
    answer = assistant.ask(
        f"The plan sent a check for $28,000 {taken_off}. I want all of it in my IRA. How much must I add?"
    )
    assert answer.calculation.tool == "indirect_rollover"
    assert answer.calculation.outputs["to_add"] == "7000"


def test_what_to_add_to_roll_over_a_cash_out_is_the_rollovers_figure(assistant):
    answer = assistant.ask(
        "I cashed out my old 401k of $12,500 and they sent me $10,000. What's the most I must add to roll the "
        "whole thing over? How much do I need to make up to roll it all over?"
    )
    assert answer.calculation.tool == "indirect_rollover"
    assert answer.calculation.outputs["to_add"] == "2500"


@settings(max_examples=25, deadline=None)
@given(
    said=st.sampled_from(
        [
            ("every two weeks", 26),
            ("biweekly", 26),
            ("every other week", 26),
            ("a month", 12),
            ("per month", 12),
            ("twice a month", 24),
            ("a week", 52),
            ("a year", 1),
        ]
    ),
    pay=st.sampled_from([1500, 2400, 4000]),
)
def test_pay_said_for_a_shorter_period_is_made_yearly_for_the_match(assistant, said, pay):
    """ "I get paid $2,400 every two weeks" was worked as $2,400 a year: a $72 match for $1,872."""
    words, periods = said
    answer = assistant.ask(f"I get paid ${pay:,} {words}, put in 6%, and they match 50% up to 6%. My yearly match?")
    assert answer.calculation.tool == "employer_match"
    assert Decimal(answer.calculation.outputs["match"]) == Decimal(pay * periods) * Decimal("0.03")


def test_pay_each_paycheck_with_no_pay_frequency_is_asked_about(assistant):
    answer = assistant.ask("I make $2,000 a paycheck and defer 6%; they match 100% up to 4%. What's my match?")
    assert answer.kind == "clarify" and "how often you are paid" in answer.answer


@pytest.mark.parametrize(
    ("story", "room"),
    [
        ("I already put $15,000 in at my old job this year and just switched jobs. I'm 38.", "9500"),
        ("I'm 55 and have contributed $20,000 so far this year.", "12500"),
        ("So far this year I've deferred $30,000 across two jobs. I'm 41.", "0"),
    ],
)
def test_what_went_in_so_far_leaves_the_room_left(assistant, story, room):
    """ "I already put $15,000 in ... how much more can I contribute?" was answered with the whole $24,500."""
    answer = assistant.ask(f"{story} How much more can I contribute?")
    assert answer.calculation.tool == "contribution_limit"
    assert answer.calculation.outputs["room_left"] == room


def test_pay_alone_is_never_a_sum_deferred_so_far(assistant):
    answer = assistant.ask("I'm 52 and make $140k. How much can I put into my 401k this year?")
    assert "contributed" not in answer.reading.inputs
    assert "$32,500.00" in answer.answer


@settings(max_examples=20, deadline=None)
@given(month=st.sampled_from(["Aug.", "aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec."]))
def test_a_months_abbreviation_point_does_not_end_the_sentence(assistant, month):
    """ "born in Aug. 1952" read "Aug." as a sentence's end and asked what "1952" stood for."""
    answer = assistant.ask(f"I was born in {month} 1952 and had $350k in my 401k at the end of 2025. My RMD for 2026?")
    assert answer.kind == "calculation" and answer.calculation.tool == "rmd"
    assert "$13,725.49" in answer.answer  # 350,000 / 25.5, the period at 74
    assert answer.question.count(month) == 1  # the question is shown as asked


def test_a_point_after_a_month_that_ends_a_sentence_still_ends_it():
    from vested.understanding.dates import with_calendar_years

    assert with_calendar_years("I retired in Aug. I'm 67.", TODAY) == "I retired in Aug. I'm 67."
    assert with_calendar_years("born Sept. 15, 1950", TODAY) == "born Sept 15, 1950"


def test_a_birth_year_alone_at_the_1949_cut_off_is_asked_about_with_both_ages(assistant):
    """ "born in 1949" was read as January 1, 1949: RMD age 70½ for everyone born that year (72 from July 1)."""
    answer = assistant.ask("Born 1949, I had $300,000 in my 401k at the end of 2025. How much is my 2026 RMD?")
    assert answer.kind == "clarify" and answer.calculation.tool == "rmd"
    assert "70½" in answer.answer and "72 if on or after it" in answer.answer and "birth month" in answer.answer


@pytest.mark.parametrize(("born", "age"), [("February 1949", "70½"), ("August 1949", "72"), ("1950", "72")])
def test_a_birth_month_or_a_year_without_a_cut_off_is_worked(assistant, born, age):
    answer = assistant.ask(f"I was born in {born}. When do my RMDs start?")
    assert answer.kind == "calculation"
    assert f"Your RMD age is {age}" in answer.answer


@settings(max_examples=20, deadline=None)
@given(
    stated=st.sampled_from(["My RMD for this year came to $8,300.", "This year my RMD is $8,300.", "My RMD of $8,300"]),
    taken=st.sampled_from(["I've already withdrawn $3,000.", "I took $3,000 in May.", "I've taken $3,000 so far."]),
    asking=st.sampled_from(
        ["How much more do I need to take out?", "What's left to take?", "How much more must I take?"]
    ),
)
def test_the_rest_of_a_stated_rmd_is_subtracted_not_asked_about(assistant, stated, taken, asking):
    """ "My RMD came to $9,850, I've withdrawn $4,000, how much more?" asked what "$9,850" stood for."""
    answer = assistant.ask(f"{stated} {taken} {asking}")
    assert answer.kind == "calculation" and answer.calculation.tool == "missed_rmd"
    assert answer.calculation.outputs["shortfall"] == "5300"


def test_an_inherited_accounts_yearly_withdrawal_is_told_the_beneficiaries_rules(assistant):
    """A widow's "how much must I take out each year" got the owner's Uniform Lifetime Table alone."""
    answer = assistant.ask("My wife passed away in May and I inherited her 401k. What must I withdraw every year?")
    assert "10th year after the year of death" in answer.answer or answer.entry == "rmds.surviving-spouse"
    own = assistant.ask("I'm 77 and retired. How much must I take out of my 401k each year?")
    assert "Because the account was inherited" not in own.answer


@pytest.mark.parametrize(
    "question",
    [
        "How much will my $50k 401k grow to in 15 years at 7% if I never add anything?",
        "I have $50k in my 401k. If I never add another dollar, what will it be worth in 15 years at 7%?",
    ],
)
def test_never_adding_is_the_askers_and_no_more_deposits(assistant, question):
    """ "If I never add anything" is the asker's verb, not an employer that adds (it had read the whole
    sentence as a match formula and asked for the rate and years given in it), and nothing more is paid in."""
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation is not None
    assert answer.calculation.outputs["future_value"].startswith("137951.")  # 50,000 x 1.07^15


def test_a_vested_sum_named_as_such_is_not_moved_for_a_total_beside_it(assistant):
    """ "My vested balance is $41,000, my total balance $60,000": the vested sum is the vested balance.
    Moving it to last year's highest loan balance (named only by "balance") to make room for the total
    gained next to nothing, and the loan limit was worked on the total."""
    answer = assistant.ask(
        "my vested balance is $41,000 but my total balance is $60,000. I already have a $5,000 loan. "
        "how much more can I borrow?"
    )
    assert answer.calculation is not None
    assert answer.calculation.inputs.get("vested") == "41000"


def test_how_much_to_put_in_for_the_full_match_is_the_deferral_that_earns_it(assistant):
    """ "How much to put in to get the full match" asks for the deferral the formula stops at: it had been
    asked back as the share of pay contributed, the very thing the question asks for."""
    answer = assistant.ask(
        "I earn $72,000 and the company matches 100% up to 5%. How much do I have to put in to get the full match?"
    )
    assert answer.kind == "calculation" and answer.calculation is not None
    assert answer.calculation.inputs["deferral_rate"] == "0.05"


def test_a_check_after_the_plan_took_its_20_percent_is_the_net(assistant):
    """ "A $16,000 check after they took 20% out": the 20% is the withholding the rule fixes, not a number
    to ask about, and the check is what was left of $20,000."""
    answer = assistant.ask(
        "My old plan mailed a $16,000 check after they took 20% out. I want it all in my IRA. How much must I add?"
    )
    assert answer.kind == "calculation" and answer.calculation is not None
    assert answer.calculation.outputs["to_add"] == "4000"
    assert answer.calculation.outputs["full_rollover"] == "20000"


def test_an_age_said_before_this_years_birthday_fits_the_birth_year(assistant):
    """ "She is 60, born in 1965": in 2026 she turns 61 later in the year; the age said is the one before
    that birthday, not a contradiction to refuse."""
    answer = assistant.ask("My wife is 60 and was born in 1965. When does she have to start her RMDs?")
    assert answer.kind == "calculation", answer.answer
    assert "April 1, 2041" in answer.answer


def test_how_a_limit_has_changed_over_the_years_is_its_history_not_this_years_figure(assistant):
    """ "How has the limit changed?" asks for the history: the year and the age told in the story had been
    worked into that year's limit alone, with no history; the history now answers, that year's figure beneath."""
    answer = assistant.ask(
        "I've saved in my 401k since 2017, when I was 40. How has the contribution limit changed since then?"
    )
    assert answer.entry == "contributions.limits-history"


@pytest.mark.parametrize(
    "question",
    [
        "I'm 31 and my dad says to start early because of compound interest. If I keep saving until 67, "
        "how much of the final balance is growth and how much is just what I put in?",
        "At 27 I'm finally saving in my 401k. By 62, how much of the balance is growth and how much is what I put in?",
    ],
)
def test_how_much_of_a_balance_is_growth_is_compounding_not_a_figure_from_the_age(assistant, question):
    """ "How much of the final balance is growth?" asks about compounding: with no sum put in, the RMD age
    and the catch-up limit had been worked (or asked about) from the story's age alone."""
    answer = assistant.ask(question)
    assert answer.kind == "faq", answer.answer
    assert answer.entry == "projections.compound-growth"


def test_how_much_of_a_balance_is_growth_with_a_sum_put_in_is_the_projections_split(assistant):
    answer = assistant.ask(
        "I'm 30 and put in $6,000 a year. If it earns 6% until I'm 65, how much of the final balance is growth?"
    )
    assert answer.calculation is not None and answer.calculation.tool == "future_value"
    assert answer.calculation.outputs["contributed"] == "210000"


def test_the_limits_history_is_not_worked_into_one_years_figure_from_todays_age(assistant):
    """ "I'm 45 now" beside "back in 2018": the limit worked beneath the history had read today's age into
    2018 ("in 2018, at age 45"); the history is a table of years, and no single year's figure is worked."""
    answer = assistant.ask(
        "I began deferring in 2016 and the cap seemed small back then. I'm 47 now. "
        "How has the contribution limit changed over the years?"
    )
    assert answer.entry == "contributions.limits-history"
    assert answer.kind == "faq" and answer.calculation is None


def test_an_age_told_in_passing_is_no_request_for_the_figure_it_completes(assistant):
    """A story that asks for no figure often tells an age that alone completes the contribution limit; with
    the catch-up entry among the candidates but another entry asked about, that age was worked into the
    year's limits, a figure nobody asked for. The age still completes the figure of the entry asked about."""
    from vested.calculate.requests import CalculationMemory
    from vested.retrieval.matching import Match

    entries = {entry.id: entry for entry in assistant.kb.entries}

    def ranked(*ids: str) -> list[Match]:
        return [Match(entries[entry], 0.3 - 0.01 * place, 0.3, 0.3) for place, entry in enumerate(ids)]

    story = assistant.read(
        "Our plan changes record keepers next month and trades freeze for two weeks. I'm 58. What is this freeze?"
    )
    assert story.asks_for == "unmarked" and story.is_story
    aside = ranked("contributions.deposit-timing", "investing.changing-investments", "contributions.catch-up-50")
    assert assistant.router.route(story, CalculationMemory(), aside) is None
    asked = ranked("contributions.catch-up-50", "contributions.deposit-timing", "investing.changing-investments")
    answer = assistant.router.route(story, CalculationMemory(), asked)
    assert answer is not None and answer.calculation is not None
    assert answer.calculation.tool == "contribution_limit"


@pytest.mark.parametrize(
    "question",
    [
        "my balance dropped 15% this year and i'm 64. should i pause my deferrals till things calm down?",
        "we are both 47 with incomes around 230k combined, both maxing our 401ks. can we also put money in roth iras "
        "or are we over the limit",
    ],
)
def test_an_age_or_this_year_told_in_passing_works_no_limit(assistant, question):
    """ "I'm 64" and "this year" complete the contribution limit; a question that asks whether to pause, or
    about an IRA's income limit, asks for no such figure (it was worked, catch-up and all)."""
    answer = assistant.ask(question)
    assert answer.calculation is None, answer.answer


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "Do I have to still work there on December 31 to get that year's 401k match?",
            "match-vesting.match-conditions",
        ),
        (
            "I'm 23 and my manager says I must wait a full year before joining the 401k. Can they?",
            "getting-started.eligibility",
        ),
    ],
)
def test_plan_conditions_on_the_match_and_on_joining_have_their_entries(assistant, question, entry):
    assert assistant.ask(question).entry == entry


@settings(max_examples=30, deadline=None)
@given(
    rate=st.sampled_from(["10 percent", "10%", "10 %"]),
    rule=st.sampled_from(["penalty", "early withdrawal penalty", "additional tax"]),
    shape=st.sampled_from(
        [
            "What is the {rate} {rule} exception for {reason}?",
            "Which {reason} get me out of the {rate} {rule}?",
            "does the {rate} {rule} apply to {reason}",
        ]
    ),
    reason=st.sampled_from(["medical expenses", "a disability", "my unpaid medical bills"]),
)
def test_a_rate_quoted_with_its_rule_is_never_read_as_another_input(assistant, rate, rule, shape, reason):
    """ "What is the 10 percent penalty exception for medical expenses?" had its 10 read as a deferral rate and
    was asked for the plan's match; the rule's own rate fills only an input that holds it."""
    answer = assistant.ask(shape.format(rate=rate, rule=rule, reason=reason))
    assert answer.calculation is None or "deferral_rate" not in answer.calculation.inputs, answer.answer
    assert answer.kind != "clarify", answer.answer


@pytest.mark.parametrize("said", ["they withheld 20 percent", "20% was withheld for taxes"])
def test_the_withholding_quoted_with_its_rule_still_fills_the_withholding_rate(assistant, said):
    answer = assistant.ask(f"I took a $40,000 distribution to roll over and {said}. How much do I need to add?")
    assert answer.calculation is not None and answer.calculation.tool == "indirect_rollover", answer.answer
    assert answer.calculation.inputs["withholding_rate"] == "0.2"


@pytest.mark.parametrize(
    "question",
    [
        "I'm 35. Say I put $6,500 in an IRA for my wife, does that change how much I'm allowed to defer into my 401k?",
        "At 47 I contribute $1,000 a month to my 401k. If I deposit $7,000 into a traditional IRA too, does it reduce "
        "how much I can put in the 401k?",
        "Husband is 52. If he deposits $8,600 into his traditional IRA, how much can he still defer at work?",
    ],
)
def test_a_sum_put_into_an_ira_is_not_worked_as_a_deferral(assistant, question):
    """A sum put into an IRA is outside the plan: the IRA rule (beyond_model `ira-contribution`) did not see it
    when a sum stood between the verb and the IRA, and the sum was worked as already deferred to the 401(k)."""
    answer = assistant.ask(question)
    assert answer.calculation is None, answer.answer


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "I'm 49 and earn $480,000; the plan matches 4% of pay, but my match looks small. "
            "Is there a cap on how much salary counts?",
            "rules.compensation-cap",
        ),
        (
            "I'm 66 and retired. If I take $12,000 out of my 401k for a new roof, how much will they withhold "
            "for taxes, and can I choose a different amount?",
            "withdrawals.withholding",
        ),
    ],
)
def test_a_calculator_linked_far_down_the_ranking_does_not_answer(assistant, question, entry):
    """The top entry answers clearly and links no calculator; the figure form "how much" had sent the
    question to one linked by an entry at a small share of its score (the contribution limit asked for an age,
    a rollover's 20% was worked as if the payout were rolled over). router.LINKED_SHARE."""
    answer = assistant.ask(question)
    assert answer.calculation is None and answer.entry == entry, (answer.kind, answer.entry)


def test_one_companys_stock_is_no_stock_and_bond_mix(assistant):
    """How much of the employer's own stock to hold is concentration in one company, which the allocation
    calculator (a stock and bond split by age) does not model: it answered with 110 minus the age."""
    answer = assistant.ask(
        "Half my 401k ended up in my own company's stock over the years. I'm 55. How much of my employer's "
        "stock is too much to hold?"
    )
    assert answer.calculation is None and answer.entry == "investing.company-stock", (answer.kind, answer.entry)
