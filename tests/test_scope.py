"""The scope decisions read from knowledge/language/scope.toml, and the concepts they rely on."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO
from vested.understanding.follow_up import follow_up_rest
from vested.understanding.language import language
from vested.understanding.scope import shipped_scope
from vested.understanding.text import normalize

SCOPE = shipped_scope()


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        ("how much can I put in an FSA for daycare", True),
        ("do leftover HSA dollars roll over to next year", True),  # rolling over keeps nothing in scope
        ("is Mint a good budgeting tool", True),
        ("can I move my old 403(b) into my current 401k", False),
        ("how is my 401k match vested", False),
    ],
)
def test_other_products_are_declined_unless_the_plan_is_named(question, declined):
    assert SCOPE.other_product(normalize(question)) is declined


@pytest.mark.parametrize(
    ("question", "pick"),
    [
        ("should I buy Nvidia shares for my IRA", True),
        ("is Tesla a smart investment", True),
        ("Pepsi or Coke, which one should I buy", True),
        ("should I choose Roth or pre-tax deferrals", False),
        ("is a Roth a smart investment for a teacher", False),
        ("401k or Roth IRA, which one should I put my money in", False),
        ("Schwab vs Vanguard for my rollover IRA, who has better index funds", True),
        ("who is the top mutual fund company for a beginner", True),
        ("my 401k is held at Schwab; can I still take a hardship withdrawal", False),
        ("my plan lists a BlackRock 2050 fund and a Fidelity 2050 fund, which of those two should I buy", True),
        ("traditional or Roth, which of those two should I put my money in", False),
        # Two funds of the menu, a forecast of returns, two tickers: each a pick however it is put.
        ("I'm 61. Would the short-term bond fund or the 2030 fund be better for me?", True),
        ("which option in our plan is likely to give the best growth over ten years", True),
        ("of the funds my employer picked, which will perform the best this year", True),
        ("I'm 50 and torn between FSKAX vs VTSAX in my rollover", True),
        ("which gets the better growth after tax, a Roth or a traditional 401k", False),
        ("what's the difference between a bond fund or a stable value fund", False),
        ("my IRA vs HSA, which do I fund first", False),
    ],
)
def test_personal_picks_are_told_apart_from_plan_choices(question, pick):
    assert SCOPE.personal_pick(question) is pick


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The sentences that ask decide: a 401(k) told in the story does not keep an HSA's limit in scope.
        ("I get a 401k with a 5% match at work, and an HSA. How much can I put into the HSA for 2026?", True),
        ("We both put 10% in our 401ks. Now we have a baby. Should we open a 529, and how much can go in?", True),
        ("I have a 401k at my job and started a side business. Can I open a solo 401k for it?", False),
        ("I have an HSA too. Can I roll my old 401k into my new employer's plan?", False),
        ("I borrowed from my 401k last month. Does it show up on my credit report?", False),
        # An annuity, another country's plan, one state's tax, long-term care cover, a reverse mortgage, an
        # ESOP or a blackout period: the 401(k) in the story kept each in scope, and the nearest entry answered.
        (
            "After I retire I'll move the 401k to an IRA. The bank wants $150k of it in a variable annuity. Good move?",
            True,
        ),
        (
            "I spent eight years in Sydney before this job. Can my Australian superannuation be rolled into my 401k?",
            True,
        ),
        ("We're retiring to Ohio in 2028 with about $400k in 401ks. Will Ohio tax what we take out each year?", True),
        ("I'm 64 with $500k saved in my 401k. Is long-term care insurance worth buying at my age?", True),
        ("House is paid off and I'm 72 with RMDs from my 401k. Should I look at a reverse mortgage too?", True),
        (
            "I'm 55 and retiring. Besides my 401k there's an employee stock ownership plan. When does that pay out?",
            True,
        ),
        ("HR says there will be a blackout period on the 401k in March while they change record keepers. Why?", True),
        # Named only by what is done with the money ("move it all into an annuity") or by a part ("Part B").
        ("I'm 70 with $350k in an old 401k. My neighbor put his into an annuity for a monthly check. Can mine?", True),
        ("I'm 67, retired, no 401k withdrawals yet. I never signed up for Part B. How late is too late?", True),
        ("We have $300k in 401ks. Once we move down to Arizona, how will the state tax what we take out?", True),
        ("I'm 44. Since spring the plan has sent my deferrals to the wrong fund by mistake. What can I do?", True),
        # Social Security as a point in time is no question about it.
        ("I'm 60 and retiring in May. Can I live on my 401k without a penalty until Social Security at 64?", False),
        ("I'm 56 and moving to Florida when I retire. What happens to my 401k if I leave my job at 56?", False),
        ("I'm from Canada, working in Texas on a visa. Can I keep my 401k if I go home?", False),
        ("Can I pay long-term care insurance premiums from my 401k without the 10% penalty?", False),
    ],
)
def test_a_story_is_declined_when_it_asks_about_a_product_beside_the_plan(assistant, question, declined):
    assert (assistant.ask(question).kind == "fallback") is declined


def test_uncovered_topics_are_recognised_by_concept():
    assert SCOPE.uncovered(normalize("can a freelance designer open a solo 401(k)"))
    assert not SCOPE.uncovered(normalize("can I open a Roth 401(k) at work"))
    assert SCOPE.uncovered(normalize("a Canadian RRSP beside my 401k"))
    # A term is kept as the normalizer makes it: "rrsp" listed as a word became "foreignplan pension",
    # and every question about a pension was held uncovered.
    assert not SCOPE.uncovered(normalize("is my pension insured by the PBGC"))


def test_a_plan_abroad_or_a_stock_purchase_plan_is_not_answered_by_a_401k_entry():
    """A Canadian RRSP or an ESPP beside the 401(k): the knowledge base covers neither, and a neighbouring
    entry (the rollover choices, the match) must not answer as if it did."""
    from datetime import date

    from vested.core.assistant import Assistant

    assistant = Assistant(today=date(2026, 11, 25))
    answer = assistant.ask("Before moving to Ohio I saved in an RRSP in Toronto. Could that money go into my 401k now?")
    assert answer.kind == "fallback"
    answer = assistant.ask(
        "The company runs an ESPP at a 10% discount and matches 100% of the first 4%. I earn $58,000. "
        "What would the match come to?"
    )
    assert answer.kind == "clarify", "the discount is not what I defer: what I defer is asked for"
    assert answer.calculation is None or "deferral_rate" not in answer.calculation.inputs


@pytest.mark.parametrize(
    ("question", "domain", "strong"),
    [
        ("where can I get good pizza in Chicago", False, False),
        ("is the stock market about to crash", True, False),
        ("who can I name as my beneficiary", True, True),
        ("can I take money out after fifty-nine and a half", True, True),
    ],
)
def test_domain_and_strong_domain(question, domain, strong):
    found = normalize(question)
    assert (SCOPE.in_domain(found), SCOPE.strong_domain(found)) == (domain, strong)


def test_concepts_come_from_phrase_rules_not_from_invented_tokens():
    found = normalize("which budget software syncs with my bank")
    assert found.concepts == {"budget_app"}
    assert "budgetapp" in found.tokens  # the matcher still ranks with the rule's token


def test_no_python_source_matches_the_tokens_that_concepts_stand_for():
    """The tokens concept rules emit are the matcher's business; deciding on them goes through the concept."""
    invented = {
        token
        for rule in language().phrases.phrase
        if rule.concept
        for token in rule.to.split()
        if not token.isalpha() or token not in rule.pattern
    }
    assert "budgetapp" in invented
    literals = {
        word
        for path in (REPO / "src" / "vested").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        for word in node.value.split()
    }
    assert invented & literals == set()


@pytest.mark.parametrize(
    ("question", "rest"),
    [
        ("what about a Roth?", " a Roth?"),
        ("And for 2025?", " for 2025?"),
        ("why?", "?"),
        ("how much is the match", None),
        ("android app for my plan", None),
    ],
)
def test_follow_up_openings(question, rest):
    assert follow_up_rest(question) == rest


def test_a_question_about_a_403b_and_a_457b_is_in_the_domain(assistant):
    """The plans beside a 401(k) that the entries cover keep a question in the domain, as they keep it strong."""
    answer = assistant.ask("I'm a nurse with a 403b and a 457b through the county. Can I fill up both this year?")
    assert answer.kind == "faq"
    assert answer.entry == "contributions.457b-and-401k"


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # what a withdrawal does to unemployment benefits: the state's rule, not the plan's
        (
            "I was let go in August and I'm on unemployment. I'm 44 and want to cash out $6,000 from my 401k. "
            "Would that cut my unemployment checks?",
            True,
        ),
        ("I'm collecting unemployment and behind on rent. Can I take a hardship withdrawal from my 401k?", False),
        # an executive's nonqualified deferral plan beside the 401(k)
        (
            "I'm a vice president and max my 401k. We also have an NQDC plan for part of the bonus. "
            "Is the NQDC money safe if the company fails?",
            True,
        ),
        # a child's custodial account, whose sum is the child's wages, not a sum paid out of the plan
        (
            "My son is 17 and earned $4,100 at a summer job. I put 10% into my 401k. "
            "Can I open a custodial Roth IRA for him and how much can he put in?",
            True,
        ),
        # a class action's settlement check
        (
            "My former employer's 401k settled a class action about high fees and sent me $530. I'm 36. "
            "Is that taxable or should I roll it over?",
            True,
        ),
        # a prenup, not a divorce's court order
        (
            "We marry in May. I'm 44 with $240k in my 401k and she has little saved. If we divorce later, "
            "does a prenup keep my 401k out of it?",
            True,
        ),
        ("We're divorcing and the decree gives him half of my 401k. How is it split?", False),
        # an eligible person left out of the plan: a missed deferral the employer must correct
        (
            "Three years at the warehouse and HR never signed me up for the 401k even though I was eligible "
            "after a year. Do they owe me for that?",
            True,
        ),
        ("Payroll never started my deferrals even though I enrolled in June. Must they fix the missed months?", True),
        # paying a debt down or saving in the plan instead: one's own rates and budget decide
        ("I'm 33 with a $9,000 car note at 7%. Pay that off first or raise my 401k to 10%?", True),
        ("Is it smarter to keep putting 8% in my 401k or throw that money at my student loans?", True),
        ("I owe $14k on two cards. Should I pay them down now or keep investing in my 401k?", True),
        ("Can I take a loan from my 401k to pay off a credit card?", False),
        ("I just became eligible for the 401k at my warehouse job. How do I enroll?", False),
    ],
)
def test_rules_a_401k_story_runs_into_that_are_not_the_plans_are_declined(assistant, question, declined):
    """Unemployment benefits, a nonqualified deferral plan, a child's custodial IRA, a class action's check and a
    prenup, asked inside a 401(k) story: the plan word kept them in scope, and a rollover figure, the
    early-withdrawal figure, the employer-bankruptcy or the QDRO entry answered as if they were the plan's."""
    answer = assistant.ask(question)
    assert (answer.kind == "fallback") is declined, (answer.kind, answer.entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("what happens if I stop my 72(t) payments after two years", "withdrawals.sepp"),
        ("what is NUA", "withdrawals.nua"),
        ("explain a QCD to me", "withdrawals.qcd"),
        ("what is an EACA", "getting-started.auto-enroll-refund"),
    ],
)
def test_the_entries_own_terms_for_early_series_nua_and_qcds_are_in_the_domain(assistant, question, entry):
    """72(t), SEPP, NUA and QCD name the plan's rules and nothing else; with none of the domain's words beside
    them, such questions had been declined outright although an entry answers each."""
    answer = assistant.ask(question)
    assert answer.entry == entry, (answer.kind, answer.entry)


def test_that_money_points_at_the_plan_told_of_just_before(assistant):
    """ "What happens to that money?" asks about the money the sentence before told of: an executive's
    nonqualified deferral plan, which the knowledge base does not cover. Read alone, it was the 401(k)'s
    money, and the employer-bankruptcy entry answered for a plan that is not a 401(k)."""
    question = (
        "I'm 48 and I max my 401k. My employer also runs a nonqualified deferred comp plan and I put half my "
        "bonus into it. What happens to that money if the company goes under?"
    )
    assert assistant.read(question).focus.startswith("I put half my bonus into it.")
    assert assistant.ask(question).kind == "fallback"


@pytest.mark.parametrize(
    "question",
    [
        "I'm 67 and retired from the county, but I'm paid as an independent consultant. Can I still add to my 401k?",
        "After I retire next year I'll be a part-time contractor for my old firm. Can I keep deferring into the plan?",
    ],
)
def test_pay_as_a_consultant_is_self_employment_not_the_vesting_of_ones_own_money(assistant, question):
    """ "Work as a consultant" was read "work as a constant" and the vesting of one's own contributions
    answered (0.91); it is self-employment, which the side-business entry answers or the reply declines."""
    answer = assistant.ask(question)
    assert answer.kind == "fallback" or answer.entry == "contributions.side-business", (answer.kind, answer.entry)


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # the wash-sale rule of a taxable account, whose fund the plan also buys
        (
            "I'm 50. I sold a total market fund for a loss in my taxable account last month and my 401k "
            "keeps buying the same fund with every paycheck. Is the loss disallowed as a wash sale?",
            True,
        ),
        # health coverage kept after leaving (COBRA), beside a rollover
        (
            "I'm 59 and leaving in May with my 401k rolled to an IRA. Can I keep the company's health plan "
            "through COBRA, and for how long?",
            True,
        ),
        # disability insurance sold at work, beside the 401(k)
        (
            "I'm 40 and put 8% in my 401k. HR offers short-term disability insurance for $22 a paycheck. "
            "Should I sign up for it?",
            True,
        ),
        # the tax withheld from a severance payment, not from a payout of the plan
        (
            "I'm 57, being laid off with a severance of $62,000, and leaving my 401k alone. "
            "How much federal tax comes out of a severance payment?",
            True,
        ),
        # the plan's own rules beside them stay answered
        ("Can part of my severance pay go into my 401k before I leave?", False),
        ("If I become disabled, can I take money out of my 401k without the 10% penalty?", False),
    ],
)
def test_rules_beside_a_leaving_or_a_taxable_account_are_declined(assistant, question, declined):
    """A wash sale between a taxable account and the plan, COBRA health coverage, disability insurance and the
    tax on severance pay, each asked inside a 401(k) story: the plan word kept them in scope, and the index-fund,
    leave-in-old-plan, eligibility and cash-out entries answered as if they were the plan's rules."""
    answer = assistant.ask(question)
    assert (answer.kind == "fallback") is declined, (answer.kind, answer.entry)


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # make-up contributions and match owed after military service (USERRA)
        (
            "I'm 29 and came back to my job after a year on active duty with the Army Reserve. Does my employer "
            "have to let me make up the 401k contributions and the match I missed while I was away?",
            True,
        ),
        # a mortgage lender's underwriting, which counts savings as reserves
        (
            "We're 40 and refinancing with about $210k in my 401k. Can the bank use my retirement account as "
            "reserves to qualify us for the new loan?",
            True,
        ),
        # exercising incentive stock options, and the alternative minimum tax
        (
            "I max my 401k every year and I hold incentive stock options at work. I'm 52. If I exercise "
            "$90,000 of ISOs this year, do I owe the alternative minimum tax?",
            True,
        ),
        # the income tax return of someone who died
        (
            "My father died in March at 81 and his 401k passed to me as beneficiary. Do I have to file a "
            "final tax return for him this year?",
            True,
        ),
        # a student loan's income-driven repayment, figured on adjusted gross income
        (
            "I'm 31 with federal student loans on income-driven repayment. Would putting more into the "
            "traditional 401k lower what I owe each month on the loans?",
            True,
        ),
        # the plan's own rules beside them stay answered
        ("Can I suspend my 401k loan payments during military service?", False),
        ("Will my mortgage lender see my 401k loan?", False),
        ("Can my 401k match be based on my student loan payments?", False),
        ("How is a 401k rollover reported on my tax return?", False),
    ],
)
def test_service_loans_stock_options_and_a_final_return_are_declined(assistant, question, declined):
    """Make-up contributions after military service, a mortgage lender's reserves, stock options and the
    AMT, a dead parent's final tax return, an income-driven student loan payment: each asked inside a
    401(k) story, and the leaving-unvested, first-home, this year's limit, estate-beneficiary and
    student-loan-match entries answered them as if they were the plan's rules."""
    answer = assistant.ask(question)
    assert (answer.kind == "fallback") is declined, (answer.kind, answer.entry)


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # a state's wage law on unused vacation at the last paycheck
        (
            "I'm 42 and quitting at the end of the month; my 401k is going to an IRA. Is the company required "
            "to pay me out for the three weeks of accrued vacation I never used?",
            True,
        ),
        # a noncompete agreement, employment law
        (
            "I'm 50 and fully vested, so the 401k isn't the worry. My old contract has a non-compete clause. "
            "Can my former employer keep me from joining a rival firm?",
            True,
        ),
        # the tax on a home's sale, asked beside untouched 401(k)s
        (
            "My wife and I are 66 and living off our 401ks. We're selling our home of thirty years for a big "
            "profit. How much of that gain is taxable?",
            True,
        ),
        # a signing bonus paid back on leaving early
        (
            "I deferred part of my sign-on bonus into the 401k. I'm 30 and might quit after eight months. Would "
            "I repay the gross bonus or the net?",
            True,
        ),
        # the tax withheld from gambling winnings
        (
            "I'm 57 with about $250k in my 401k and I hit a $9,000 jackpot at the casino. What gets withheld "
            "from casino winnings, and is that all I owe?",
            True,
        ),
        # the plan's own rules beside them stay answered
        ("Can I take a 401k loan to pay for a vacation?", False),
        ("What happens to my 401k if I go to work for a competitor?", False),
        ("Can I withdraw from my 401k to buy a house?", False),
        ("Can I defer my signing bonus into my 401k?", False),
        ("How much tax is withheld from a 401k withdrawal?", False),
    ],
)
def test_vacation_pay_a_noncompete_a_home_sale_a_bonus_paid_back_and_winnings_are_declined(
    assistant, question, declined
):
    """Unused vacation paid out on leaving, a noncompete, the tax on selling a home, a signing bonus paid back,
    the tax on gambling winnings: each asked inside a 401(k) story, and the small-balance, own-contributions,
    tax-benefits, loans-on-leaving and recover-withholding entries (or the rollover calculator) answered them
    as if they were the plan's rules."""
    answer = assistant.ask(question)
    assert (answer.kind == "fallback") is declined, (answer.kind, answer.entry)
