"""Every worked example of the calculators issue, exact to the cent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.calculator_fixtures import compute
from vested.calculate.base import CalculatorInputError
from vested.calculate.money import money, to_cents


def cents(value: Decimal) -> str:
    return money(value)


# loan_maximum ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vested", "expected"),
    [(80000, "$40,000.00"), (130000, "$50,000.00"), (64000, "$32,000.00"), (100000, "$50,000.00")],
)
def test_loan_maximum_is_half_the_vested_balance_capped_at_50000(vested, expected):
    result = compute("loan_maximum", vested=vested)
    assert cents(result.outputs["max_new_loan"]) == expected
    assert result.summary == f"You can borrow up to {expected}."
    assert result.steps[0] == f"50% of {money(Decimal(vested))} vested = {money(Decimal(vested) / 2)}"


def test_loan_maximum_irs_example_with_an_earlier_loan():
    result = compute("loan_maximum", vested=80000, highest_balance_12m=27000, outstanding=18000)
    assert result.outputs["cap_after_reduction"] == Decimal(41000)
    assert result.outputs["total_loans_allowed"] == Decimal(40000)
    assert result.outputs["max_new_loan"] == Decimal(22000)
    assert result.summary == "You can borrow up to $22,000.00 more."
    assert result.steps[-1] == "$40,000.00 − $18,000.00 still owed = $22,000.00 more you can borrow"


def test_loan_maximum_10000_floor_only_when_the_plan_allows_it():
    assert compute("loan_maximum", vested=16000).outputs["max_new_loan"] == Decimal(8000)
    floored = compute("loan_maximum", vested=16000, allow_10k_floor=True)
    assert floored.outputs["max_new_loan"] == Decimal(10000)
    tiny = compute("loan_maximum", vested=6000, allow_10k_floor=True)
    assert tiny.outputs["max_new_loan"] == Decimal(6000)


def test_loan_maximum_is_zero_when_earlier_loans_use_it_all_up():
    result = compute("loan_maximum", vested=40000, highest_balance_12m=20000, outstanding=20000)
    assert result.outputs["max_new_loan"] == 0


# loan_repayment ----------------------------------------------------------------------


def test_loan_repayment_monthly_amortization():
    result = compute("loan_repayment", amount=20000, annual_rate="0.05", years=5)
    assert result.outputs["payments"] == 60
    assert result.outputs["payment"] == Decimal("377.42")
    assert result.outputs["total_interest"] == Decimal("2645.52")
    assert result.outputs["total_repaid"] == Decimal("22645.52")
    assert result.outputs["last_payment"] == Decimal("377.74")
    assert len(result.table) == 5
    assert result.table[-1]["Balance after"] == "$0.00"


def test_loan_repayment_zero_rate_and_frequencies():
    result = compute("loan_repayment", amount=12000, annual_rate=0, years=1, frequency="monthly")
    assert result.outputs["payment"] == Decimal(1000)
    assert result.outputs["total_interest"] == 0
    weekly = compute("loan_repayment", amount=10400, annual_rate=0, years=2, frequency="weekly")
    assert weekly.outputs["payments"] == 104
    assert weekly.outputs["payment"] == Decimal(100)


def test_loan_repayment_leaving_the_job_makes_the_balance_taxable():
    result = compute(
        "loan_repayment",
        amount=20000,
        annual_rate="0.05",
        years=5,
        leave_after_years=2,
        age=45,
        marginal_rate="0.22",
    )
    assert result.outputs["unpaid_at_leaving"] == Decimal("12593.17")
    assert to_cents(result.outputs["additional_tax_on_unpaid"]) == Decimal("1259.32")
    assert to_cents(result.outputs["income_tax_on_unpaid"]) == Decimal("2770.50")
    assert {citation.source for citation in result.citations} >= {"tcja-2017", "irc-72t"}
    later = compute("loan_repayment", amount=20000, annual_rate="0.05", years=5, leave_after_years=2, age=56)
    assert later.outputs["additional_tax_on_unpaid"] == 0


def test_loan_repayment_longer_term_for_a_home():
    result = compute("loan_repayment", amount=30000, annual_rate="0.06", years=15, principal_residence=True)
    assert result.outputs["payments"] == 180
    assert result.outputs["payment"] == Decimal("253.16")


# indirect_rollover -------------------------------------------------------------------


def test_indirect_rollover_faq_example():
    result = compute("indirect_rollover", amount=10000)
    assert result.outputs == {
        "withheld": Decimal(2000),
        "received": Decimal(8000),
        "to_add": Decimal(2000),
        "full_rollover": Decimal(10000),
    }
    assert "$8,000.00" in result.summary and "$2,000.00" in result.summary
    assert "roll over the full $10,000.00 within 60 days" in result.summary


def test_indirect_rollover_reads_the_withholding_as_stated():
    """A rate, the dollars withheld or the net check: each fixes the withholding; a stated rate
    other than 20% is used as stated, with a note on what such a rate usually means."""
    by_rate = compute("indirect_rollover", amount=80000, withholding_rate="0.25")
    by_dollars = compute("indirect_rollover", amount=80000, withheld=20000)
    by_check = compute("indirect_rollover", amount=80000, received=60000)
    for result in (by_rate, by_dollars, by_check):
        assert result.outputs["withheld"] == Decimal(20000)
        assert result.outputs["received"] == Decimal(60000)
        assert "I used the 25% withholding you stated" in result.caveats[0]
    agreeing = compute("indirect_rollover", amount=30000, withholding_rate="0.20", withheld=6000, received=24000)
    assert agreeing.outputs["to_add"] == Decimal(6000)
    assert not any("you stated" in caveat for caveat in agreeing.caveats)


def test_indirect_rollover_partial_rollover_keeps_the_rest_in_hand():
    """Part of the check rolled over: the rest of the amount paid out is taxable, and what is kept
    in hand is the check less what went into the IRA (the withheld part is a credit)."""
    result = compute("indirect_rollover", amount=70000, withholding_rate="0.30", redeposited=35000, age=47)
    assert result.outputs["received"] == Decimal(49000)
    assert result.outputs["taxable_shortfall"] == Decimal(35000)
    assert result.outputs["kept_in_hand"] == Decimal(14000)
    assert result.outputs["additional_tax"] == Decimal(3500)


def test_indirect_rollover_only_the_check_redeposited_at_50():
    result = compute("indirect_rollover", amount=60000, only_check_redeposited=True, age=50)
    assert result.outputs["taxable_shortfall"] == Decimal(12000)
    assert result.outputs["additional_tax"] == Decimal(1200)
    assert result.summary == (
        "Redepositing $48,000.00 of $60,000.00 leaves $12,000.00 taxable, with $1,200.00 additional tax."
    )


def test_indirect_rollover_shortfall_with_income_tax_and_the_age_55_exception():
    result = compute(
        "indirect_rollover", amount=60000, redeposited=48000, age=56, separated_at_55=True, marginal_rate="0.22"
    )
    assert result.outputs["income_tax"] == Decimal(2640)
    assert result.outputs["additional_tax"] == 0
    past = compute("indirect_rollover", amount=60000, redeposited=50000, age=60)
    assert past.outputs["additional_tax"] == 0
    assert past.outputs["taxable_shortfall"] == Decimal(10000)


def test_indirect_rollover_50000_needs_10000_from_your_pocket():
    assert compute("indirect_rollover", amount=50000).outputs["to_add"] == Decimal(10000)


# after_tax_basis_share ---------------------------------------------------------------


def test_pro_rata_faq_example():
    result = compute("after_tax_basis_share", basis=25000, account_value=150000, distribution=10000)
    assert cents(result.outputs["tax_free"]) == "$1,666.67"
    assert cents(result.outputs["taxable"]) == "$8,333.33"
    assert cents(result.outputs["basis_remaining"]) == "$23,333.33"
    assert "(16.7%)" in result.summary
    assert result.outputs["tax_free"] + result.outputs["taxable"] == Decimal(10000)


def test_pro_rata_series_of_withdrawals_as_a_table():
    result = compute("after_tax_basis_share", basis=25000, account_value=[150000, 140000], distribution=[10000, 10000])
    rows = result.outputs["withdrawals"]
    assert [cents(row["tax_free"]) for row in rows] == ["$1,666.67", "$1,666.67"]
    assert cents(result.outputs["basis_remaining"]) == "$21,666.67"
    assert [row["Basis left"] for row in result.table] == ["$23,333.33", "$21,666.67"]
    no_growth = compute("after_tax_basis_share", basis=25000, account_value=150000, distribution=[10000, 10000])
    assert no_growth.outputs["withdrawals"][1]["account_value"] == Decimal(140000)
    assert any("no growth" in caveat for caveat in no_growth.caveats)


def test_pro_rata_basis_above_the_value_makes_the_whole_withdrawal_tax_free():
    result = compute("after_tax_basis_share", basis=30000, account_value=20000, distribution=5000)
    assert result.outputs["tax_free"] == Decimal(5000)
    assert result.outputs["basis_remaining"] == Decimal(25000)


def test_pro_rata_share_alone_when_no_withdrawal_is_given():
    result = compute("after_tax_basis_share", basis=12000, account_value=96000)
    assert result.outputs == {"basis_share": Decimal("0.125")}
    assert "12.5% tax-free and 87.5% taxable" in result.summary


def test_loan_maximum_from_own_money_and_the_vested_share_of_the_employers():
    # $50,000 own (always vested) + 60% of $20,000 employer money = $62,000 vested; half is $31,000
    result = compute("loan_maximum", own_money=50000, employer_money=20000, employer_vested_share="0.6")
    assert result.outputs["vested"] == Decimal(62000)
    assert result.outputs["max_new_loan"] == Decimal(31000)
    assert (
        result.steps[0] == "$50,000.00 your own (always vested) + 60% of $20,000.00 employer money = $62,000.00 vested"
    )
    with pytest.raises(CalculatorInputError):
        compute("loan_maximum", own_money=50000, employer_money=20000)


# future_value ------------------------------------------------------------------------


def test_future_value_primer_example():
    result = compute("future_value", contribution=8800, annual_return="0.06", years=30)
    assert cents(result.outputs["future_value"]) == "$695,712.04"
    assert result.summary == (
        "After 30 years at 6% a year, the account could grow to about $695,712 ($695,712.04 to the cent)."
    )
    assert result.outputs["contributed"] == Decimal(264000)
    assert "$8,800.00 × 79.058186 = $695,712.04" in result.steps


def test_future_value_match_added_to_contributions():
    result = compute("future_value", contribution=6400, employer_match=2400, annual_return="0.06", years=30)
    assert cents(result.outputs["future_value"]) == "$695,712.04"
    assert result.outputs["employer_contributions"] == Decimal(72000)


def test_future_value_per_pay_period_uses_the_equivalent_period_rate():
    monthly = compute("future_value", contribution=100, frequency="monthly", annual_return="0.06", years=1)
    period_rate = monthly.outputs["period_rate"]
    assert abs((1 + period_rate) ** 12 - Decimal("1.06")) < Decimal("1e-20")
    # twelve deposits a year grow to 100 × [(1 + i)^12 − 1] / i, and (1 + i)^12 is 1.06
    assert to_cents(monthly.outputs["future_value"]) == to_cents(100 * Decimal("0.06") / period_rate)
    assert cents(monthly.outputs["future_value"]) == "$1,232.65"


def test_future_value_a_rate_compounded_monthly_is_divided_by_twelve():
    nominal = compute(
        "future_value",
        contribution=200,
        frequency="monthly",
        annual_return="0.06",
        years=10,
        compounded_each_period=True,
    )
    assert nominal.outputs["period_rate"] == Decimal("0.005")
    # 200 × [(1.005)^120 − 1] / 0.005, worked by hand in exact decimals
    assert cents(nominal.outputs["future_value"]) == "$32,775.87"
    assert "6% compounded monthly is 6% ÷ 12 = 0.5% per period" in nominal.steps
    lump = compute(
        "future_value",
        contribution=0,
        starting_balance=1000,
        frequency="quarterly",
        annual_return="0.08",
        years=1,
        compounded_each_period=True,
    )
    assert lump.outputs["future_value"] == Decimal(1000) * Decimal("1.02") ** 4


def test_future_value_paid_at_the_start_of_each_year_earns_one_year_more():
    due = compute("future_value", contribution=1000, annual_return="0.05", years=3, paid_at_start=True)
    # 1000 × (1.05 + 1.05² + 1.05³)
    assert cents(due.outputs["future_value"]) == "$3,310.13"
    assert any("start" in caveat for caveat in due.caveats)
    ordinary = compute("future_value", contribution=1000, annual_return="0.05", years=3)
    assert cents(ordinary.outputs["future_value"]) == "$3,152.50"


def test_future_value_with_a_starting_balance_and_no_return():
    flat = compute("future_value", contribution=1000, annual_return=0, years=10, starting_balance=5000)
    assert flat.outputs["future_value"] == Decimal(15000)
    grown = compute("future_value", contribution=0, annual_return="0.10", years=2, starting_balance=1000)
    assert grown.outputs["future_value"] == Decimal(1210)


def test_future_value_with_salary_growth_matches_a_hand_rollforward():
    result = compute("future_value", contribution=1000, annual_return="0.10", years=3, salary_growth="0.05")
    expected = (Decimal(1000) * Decimal("1.1") + Decimal(1050)) * Decimal("1.1") + Decimal("1102.5")
    assert result.outputs["future_value"] == expected


def test_future_value_from_a_salary_and_the_share_deferred_with_a_capped_match():
    # 8% of $60,000 = $4,800 yours; 50% of the first 6% = 3% of pay = $1,800 the employer's
    result = compute(
        "future_value", salary=60000, deferral_rate="0.08", match_formula="50% up to 6%", annual_return="0.06", years=30
    )
    assert result.outputs["employee_contributions"] == Decimal(4800) * 30
    assert result.outputs["employer_contributions"] == Decimal(1800) * 30
    assert cents(result.outputs["future_value"]) == "$521,784.03"  # $6,600 × 79.058186
    assert result.steps[:2] == [
        "8% of $60,000.00 = $4,800.00 a year yours",
        "the match (50% of the first 6% of pay) = $1,800.00 a year",
    ]


def test_future_value_a_match_capped_on_the_employer_side_follows_the_deferral_below_the_cap():
    # 75% of a 4% deferral is 3% of pay, under a 4.5%-of-pay ceiling on the employer's part
    result = compute(
        "future_value",
        salary=50000,
        deferral_rate="0.04",
        match_formula="75% match, maximum employer contribution of 4.5%",
        annual_return="0.05",
        years=10,
    )
    assert result.outputs["employer_contributions"] == Decimal(1500) * 10


def test_future_value_an_uncapped_match_on_dollars_needs_no_salary():
    result = compute(
        "future_value", contribution=4000, match_formula="50 cents on the dollar", annual_return=0, years=5
    )
    assert result.outputs["future_value"] == Decimal(6000) * 5


def test_future_value_a_capped_match_without_a_salary_asks_for_it():
    with pytest.raises(CalculatorInputError) as raised:
        compute("future_value", contribution=4000, match_formula="50% up to 6%", annual_return="0.05", years=5)
    assert raised.value.field == "salary"


def test_future_value_with_raises_grows_the_salary_based_deposits_as_a_growing_annuity():
    # first deposit 10% of $40,000 + 50% match = $6,000, growing 4% a year at 6%: 6,000 × (1.06^20 − 1.04^20) / 0.02
    result = compute(
        "future_value",
        salary=40000,
        deferral_rate="0.10",
        match_formula="50 cents on the dollar",
        salary_growth="0.04",
        annual_return="0.06",
        years=20,
    )
    expected = Decimal(6000) * (Decimal("1.06") ** 20 - Decimal("1.04") ** 20) / Decimal("0.02")
    assert to_cents(result.outputs["future_value"]) == to_cents(expected)


def test_future_value_needs_a_contribution_or_a_salary_and_a_deferral():
    from vested.calculate import registry

    spec = registry()["future_value"]
    assert spec.missing_inputs({"annual_return": "0.05", "years": 10}) == ["contribution"]
    assert spec.missing_inputs({"annual_return": "0.05", "years": 10, "salary": 1, "deferral_rate": "0.1"}) == []
    with pytest.raises(CalculatorInputError):
        compute("future_value", salary=50000, annual_return="0.05", years=10)


# employer_match ----------------------------------------------------------------------


def test_employer_match_tiered_formula():
    result = compute(
        "employer_match",
        formula="100% of the first 3% and 50% of the next 2%",
        salary=50000,
        deferral_rate="0.06",
    )
    assert result.outputs["match"] == Decimal(2000)
    assert result.outputs["match_rate_of_pay"] == Decimal("0.04")
    assert result.outputs["total_contribution_rate"] == Decimal("0.10")
    assert result.outputs["full_match_deferral"] == Decimal("0.05")


def test_employer_match_on_a_contribution_in_dollars_each_month():
    # $600 a month = $7,200 a year = 9% of $80,000; 50% of the first 6% = 3% of pay = $2,400, $200 a month
    result = compute("employer_match", formula="50% up to 6%", salary=80000, contribution=600, frequency="monthly")
    assert result.outputs["match"] == Decimal(2400)
    assert result.outputs["match_each_period"] == Decimal(200)
    assert result.outputs["employee_contribution"] == Decimal(7200)
    assert result.steps[0] == "$600.00 a month × 12 = $7,200.00 a year, 9% of $80,000.00"
    assert result.summary.startswith(
        "Contributing $600.00 a month (9% of $80,000.00), you get a $2,400.00 match a year"
    )


def test_employer_match_on_dollars_below_the_cap_says_the_most_it_could_be():
    result = compute(
        "employer_match", formula="100% of the first 3% and 50% of the next 2%", salary=50000, contribution=1000
    )
    assert result.outputs["match"] == Decimal(1000)  # 2% of pay deferred, all in the first band
    assert result.outputs["most_match"] == Decimal(2000)
    assert result.summary.endswith("Deferring 5% would capture the whole match, $1,000.00 a year more.")


def test_employer_match_needs_a_rate_or_dollars_with_a_salary():
    from vested.calculate import registry

    spec = registry()["employer_match"]
    assert spec.missing_inputs({"formula": "50% up to 6%"}) == ["deferral_rate"]
    assert spec.missing_inputs({"formula": "50% up to 6%", "contribution": 500, "salary": 60000}) == []
    with pytest.raises(CalculatorInputError):
        compute("employer_match", formula="50% up to 6%", contribution=500)


def test_employer_match_50_percent_up_to_6():
    result = compute("employer_match", formula="50% up to 6%", salary=80000, deferral_rate="0.08")
    assert cents(result.outputs["match"]) == "$2,400.00"
    assert "$2,400.00" in result.summary


def test_employer_match_widget_total_rate():
    result = compute("employer_match", formula="50%", deferral_rate="0.07")
    assert result.outputs["total_contribution_rate"] == Decimal("0.105")
    assert "10.5% of pay in total" in result.summary


def test_employer_match_deferral_needed_for_the_whole_match():
    result = compute(
        "employer_match",
        formula="100% of the first 3% and 50% of the next 2%",
        salary=50000,
        deferral_rate="0.02",
    )
    assert result.outputs["match"] == Decimal(1000)
    assert result.outputs["missed_match_rate"] == Decimal("0.02")
    assert "Deferring 5% would capture the whole match, $1,000.00 a year more." in result.summary


def test_employer_match_flat_non_elective_and_compensation_cap():
    flat = compute("employer_match", formula="3% non-elective", salary=60000, deferral_rate=0)
    assert flat.outputs["non_elective"] == Decimal(1800)
    assert flat.outputs["match"] == 0
    capped = compute("employer_match", formula="50% up to 6%", salary=500000, deferral_rate="0.06", year=2026)
    assert capped.outputs["match"] == Decimal(10800)
    assert any(citation.source == "irs-notice-2025-67" for citation in capped.citations)


def test_employer_match_dollar_cap():
    result = compute("employer_match", formula="100% up to 6%", salary=100000, deferral_rate="0.06", max_match=4000)
    assert result.outputs["match"] == Decimal(4000)


# vesting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "years", "expected"),
    [
        ("cliff", 1, Decimal(0)),
        ("cliff", 3, Decimal(1)),
        ("cliff", "2.9", Decimal(0)),
        ("graded", 5, Decimal("0.8")),
        ("graded", 3, Decimal("0.4")),
        ("graded", 1, Decimal(0)),
        ("graded", 6, Decimal(1)),
        ("graded", 20, Decimal(1)),
        ("immediate", 0, Decimal(1)),
    ],
)
def test_vesting_schedules(schedule, years, expected):
    assert compute("vesting", schedule=schedule, years_of_service=years).outputs["vested_rate"] == expected


def test_vesting_dollars_and_own_contributions():
    result = compute("vesting", schedule="graded", years_of_service=5, employer_balance=12000, employee_balance=30000)
    assert result.outputs["vested_employer"] == Decimal(9600)
    assert result.outputs["unvested_employer"] == Decimal(2400)
    assert result.outputs["total_vested"] == Decimal(39600)


def test_vesting_custom_table_and_slow_schedule_warning():
    custom = compute("vesting", schedule="custom", years_of_service="2.5", custom_schedule="1:0, 2:25, 3:50, 4:100")
    assert custom.outputs["vested_rate"] == Decimal("0.25")
    assert not any("slower than the legal minimum" in caveat for caveat in custom.caveats)
    slow = compute("vesting", schedule="cliff", cliff_years=5, years_of_service=4)
    assert any("slower than the legal minimum" in caveat for caveat in slow.caveats)


# contribution_limit ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "year", "expected"),
    [
        (60, 2026, "$35,750.00"),
        (55, 2026, "$32,500.00"),
        (40, 2026, "$24,500.00"),
        (55, 2025, "$31,000.00"),
        (62, 2025, "$34,750.00"),
        (64, 2026, "$32,500.00"),
        (45, 2019, "$19,000.00"),
        (50, 2019, "$25,000.00"),
        (61, 2024, "$30,500.00"),
    ],
)
def test_contribution_limit(age, year, expected):
    result = compute("contribution_limit", age=age, year=year)
    assert cents(result.outputs["total_employee_limit"]) == expected
    assert expected in result.summary


def test_contribution_limit_year_defaults_to_today_and_60_63_needs_the_plan():
    assert compute("contribution_limit", age=60).outputs["total_employee_limit"] == Decimal(35750)
    without = compute("contribution_limit", age=60, year=2026, plan_allows_60_63=False)
    assert without.outputs["total_employee_limit"] == Decimal(32500)


def test_contribution_limit_roth_catch_up_rule_from_2026():
    high = compute("contribution_limit", age=55, year=2026, prior_year_fica_wages=180000)
    assert high.outputs["roth_catch_up_required"] is True
    assert "Roth" in high.summary
    low = compute("contribution_limit", age=55, year=2026, prior_year_fica_wages=120000)
    assert low.outputs["roth_catch_up_required"] is False
    assert "roth_catch_up_required" not in compute("contribution_limit", age=55, year=2025).outputs


# early_withdrawal --------------------------------------------------------------------


def test_early_withdrawal_cash_out_at_38():
    result = compute("early_withdrawal", amount=50000, age=38)
    assert result.outputs["withheld"] == Decimal(10000)
    assert result.outputs["additional_tax"] == Decimal(5000)
    assert "$10,000.00" in result.summary and "$5,000.00" in result.summary


def test_early_withdrawal_with_marginal_rate_hardship_and_exceptions():
    taxed = compute("early_withdrawal", amount=20000, age=35, marginal_rate="0.22")
    assert taxed.outputs["net_after_tax"] == Decimal(13600)
    assert taxed.outputs["due_at_filing"] == Decimal(2400)
    hardship = compute("early_withdrawal", amount=20000, age=45, kind="hardship")
    assert hardship.outputs["additional_tax"] == Decimal(2000)
    assert compute("early_withdrawal", amount=20000, age=56, separated_at_55=True).outputs["additional_tax"] == 0
    assert compute("early_withdrawal", amount=20000, age="59.5").outputs["additional_tax"] == 0


# rmd ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "age", "deadline"),
    [
        ("1958-05-20", Decimal(73), date(2032, 4, 1)),
        ("1962-01-10", Decimal(75), date(2038, 4, 1)),
        ("1960-01-01", Decimal(75), date(2036, 4, 1)),
        ("1959-12-31", Decimal(73), date(2033, 4, 1)),
        ("1950-06-01", Decimal(72), date(2023, 4, 1)),
        ("1949-03-15", Decimal("70.5"), date(2020, 4, 1)),
        ("1948-08-15", Decimal("70.5"), date(2020, 4, 1)),
    ],
)
def test_rmd_age_and_required_beginning_date(born, age, deadline):
    result = compute("rmd", birth_date=born)
    assert result.outputs["rmd_age"] == age
    assert result.outputs["required_beginning_date"] == deadline


def test_rmd_examples_in_words():
    assert "April 1, 2032" in compute("rmd", birth_date="1958").summary
    assert "age is 75" in compute("rmd", birth_date="1962-06-30").summary


def test_rmd_amount_uses_the_uniform_lifetime_table():
    result = compute("rmd", birth_date="1951-03-02", prior_year_balance=500000, distribution_year=2026)
    assert result.outputs["divisor"] == Decimal("24.6")
    assert cents(result.outputs["rmd"]) == "$20,325.20"
    first = compute("rmd", birth_date="1953-01-01", prior_year_balance=265000, distribution_year=2026)
    assert first.outputs["rmd"] == Decimal(10000)
    by_age = compute("rmd", age=74, prior_year_balance=255000)
    assert by_age.outputs["rmd"] == Decimal(10000)


def test_rmd_not_yet_due_and_still_working_rule():
    early = compute("rmd", birth_date="1958-05-20", prior_year_balance=400000)
    assert early.outputs["rmd"] == 0
    working = compute("rmd", birth_date="1955-09-01", still_working=True, retirement_year=2030)
    assert working.outputs["required_beginning_date"] == date(2031, 4, 1)
    unknown = compute("rmd", birth_date="1955-09-01", still_working=True)
    assert unknown.outputs["required_beginning_date"] is None
    owner = compute("rmd", birth_date="1955-09-01", still_working=True, five_percent_owner=True, retirement_year=2030)
    assert owner.outputs["required_beginning_date"] == date(2029, 4, 1)


def test_rmd_a_retirement_year_alone_means_working_there_until_then():
    retired = compute("rmd", age=74, retirement_year=2026)
    assert retired.outputs["first_rmd_year"] == 2026
    assert retired.outputs["required_beginning_date"] == date(2027, 4, 1)
    assert any("5% owner" in caveat for caveat in retired.caveats)
    assert retired.outputs["divisor"] == Decimal("25.5")  # asked without a balance, the year's divisor is shown
    owner = compute("rmd", age=74, retirement_year=2026, five_percent_owner=True)
    assert owner.outputs["required_beginning_date"] == date(2026, 4, 1)


def test_rmd_missed_excise_tax():
    result = compute("rmd", missed_amount=12000)
    assert result.outputs["excise_tax"] == Decimal(3000)
    assert result.outputs["excise_tax_corrected"] == Decimal(1200)
    corrected = compute("rmd", missed_amount=12000, corrected_in_time=True)
    assert corrected.outputs["excise_tax"] == Decimal(1200)


# allocation and rebalance ------------------------------------------------------------


@pytest.mark.parametrize(("age", "low", "high"), [(35, "75%", "85%"), (30, "80%", "90%"), (5, "100%", "100%")])
def test_allocation_rule_of_thumb(age, low, high):
    result = compute("allocation", age=age)
    assert f"{low} to {high} in stocks" in result.summary


def test_rebalance_example():
    result = compute("rebalance", balance=250000, current_mix="75/25", target="60/40")
    assert result.outputs["trades"] == {"stocks": Decimal(-37500), "bonds": Decimal(37500)}
    assert "sell $37,500.00 of stocks and buy $37,500.00 of bonds" in result.summary


def test_rebalance_from_holdings_with_a_new_asset():
    result = compute("rebalance", holdings="stocks=187,500, bonds=62500", target="stocks=50, bonds=40, cash=10")
    assert result.outputs["trades"] == {
        "stocks": Decimal(-62500),
        "bonds": Decimal(37500),
        "cash": Decimal(25000),
    }
    assert sum(result.outputs["trades"].values()) == 0


# missed_rmd (worked by hand: 25% of the shortfall, 10% when corrected in time) -------


@pytest.mark.parametrize(
    ("required", "taken", "shortfall", "uncorrected", "corrected"),
    [
        (10000, 6000, "$4,000.00", "$1,000.00", "$400.00"),
        (12000, 4000, "$8,000.00", "$2,000.00", "$800.00"),
        (12000, 0, "$12,000.00", "$3,000.00", "$1,200.00"),
        ("12345.67", 1000, "$11,345.67", "$2,836.42", "$1,134.57"),
    ],
)
def test_missed_rmd_excise_to_the_cent(required, taken, shortfall, uncorrected, corrected):
    late = compute("missed_rmd", required_rmd=required, taken=taken)
    assert cents(late.outputs["shortfall"]) == shortfall
    assert cents(late.outputs["excise_tax"]) == uncorrected
    assert cents(late.outputs["excise_tax_corrected"]) == corrected
    assert f"costs {uncorrected} (25%) in excise tax, or {corrected} (10%)" in late.summary
    fixed = compute("missed_rmd", required_rmd=required, taken=taken, corrected_in_time=True)
    assert cents(fixed.outputs["excise_tax"]) == corrected


def test_missed_rmd_steps_show_the_arithmetic():
    result = compute("missed_rmd", required_rmd=12000, taken=4000)
    assert result.steps == [
        "$12,000.00 required − $4,000.00 taken = $8,000.00 missed",
        "excise tax: 25% of $8,000.00 missed = $2,000.00",
        "corrected in time: 10% of $8,000.00 = $800.00",
    ]
    assert {"guide-2025", "irc-4974", "secure-2-act-2022"} <= {citation.source for citation in result.citations}


def test_missed_rmd_nothing_short_and_before_2023():
    enough = compute("missed_rmd", required_rmd=12000, taken=15000)
    assert enough.outputs["excise_tax"] == 0 and enough.outputs["shortfall"] == 0
    assert "nothing is short" in enough.steps[0]
    old = compute("missed_rmd", required_rmd=12000, taken=2000, year=2021)
    assert cents(old.outputs["excise_tax"]) == "$5,000.00"
    assert old.as_of == "2021"


# excess_deferral (the year's 402(g) limit and the catch-up from figures.toml) --------


@pytest.mark.parametrize(
    ("raw", "limit", "excess", "deadline"),
    [
        ({"first_plan": 15000, "second_plan": 12000, "year": 2026}, "$24,500.00", "$2,500.00", date(2027, 4, 15)),
        ({"first_plan": 20000, "second_plan": 20000, "age": 61, "year": 2025}, "$34,750.00", "$5,250.00", None),
        (
            {"first_plan": 20000, "second_plan": 20000, "age": 61, "year": 2025, "plan_allows_60_63": False},
            "$31,000.00",
            "$9,000.00",
            None,
        ),
        ({"first_plan": 10000, "second_plan": 12000, "age": 40, "year": 2019}, "$19,000.00", "$3,000.00", None),
        ({"first_plan": "15000.50", "second_plan": "9600.25", "year": 2026}, "$24,500.00", "$100.75", None),
    ],
)
def test_excess_deferral_to_the_cent(raw, limit, excess, deadline):
    result = compute("excess_deferral", **raw)
    assert cents(result.outputs["limit"]) == limit
    assert cents(result.outputs["excess"]) == excess
    year = raw["year"]
    assert result.outputs["correction_deadline"] == (deadline or date(year + 1, 4, 15))
    assert f"by April 15, {year + 1}" in result.summary
    assert result.as_of == str(year)


def test_excess_deferral_within_the_limit_with_catch_up():
    result = compute("excess_deferral", first_plan=20000, second_plan=10000, age=52, year=2026)
    assert result.outputs["excess"] == 0
    assert cents(result.outputs["room_left"]) == "$2,500.00"
    assert "age 52 at year end: catch-up of $8,000.00; $24,500.00 + $8,000.00 = $32,500.00 for you" in result.steps
    assert "correction_deadline" not in result.outputs


def test_excess_deferral_without_an_age_says_what_the_catch_up_would_change():
    result = compute("excess_deferral", first_plan=18000, second_plan=15000, year=2026)
    assert cents(result.outputs["excess"]) == "$8,500.00"
    assert "assumes you are under 50" in result.summary
    note = result.caveats[-1]
    assert "($8,000.00 of catch-up): $500.00 over" in note
    assert "($11,250.00 of catch-up): no excess" in note


def test_excess_deferral_year_missing_from_the_table_is_said():
    with pytest.raises(CalculatorInputError, match="2030 is not in my table"):
        compute("excess_deferral", first_plan=1, second_plan=1, year=2030)


# hardship_withdrawal (10% withheld by default, 10% additional tax before 59½) --------


def test_hardship_withdrawal_at_45_with_a_22_percent_rate():
    result = compute("hardship_withdrawal", amount=20000, age=45, marginal_rate="0.22")
    expected = {
        "withheld": "$2,000.00",
        "paid_out": "$18,000.00",
        "additional_tax": "$2,000.00",
        "income_tax": "$4,400.00",
        "total_tax": "$6,400.00",
        "net_after_tax": "$13,600.00",
        "due_at_filing": "$4,400.00",
    }
    assert {key: cents(result.outputs[key]) for key in expected} == expected
    assert result.steps[-1] == "$6,400.00 tax − $2,000.00 withheld = $4,400.00 still owed when you file"


def test_hardship_withdrawal_choices_and_a_refund():
    opted_out = compute("hardship_withdrawal", amount=15000, age=40, waive_withholding=True)
    assert opted_out.outputs["withheld"] == 0 and cents(opted_out.outputs["additional_tax"]) == "$1,500.00"
    refund = compute("hardship_withdrawal", amount=10000, age=60, marginal_rate="0.05")
    assert cents(refund.outputs["due_at_filing"]) == "-$500.00"
    assert refund.steps[-1] == "$1,000.00 withheld − $500.00 tax = $500.00 refunded when you file"
    assert compute("hardship_withdrawal", amount=2000, age=40).outputs["additional_tax"] == Decimal(200)
    assert compute("hardship_withdrawal", amount=2000, age=40, exception=True).outputs["additional_tax"] == 0


# loan_offset (the offset, its rollover deadline, the tax on what is not rolled over) -


def test_loan_offset_at_40_not_rolled_over():
    result = compute("loan_offset", loan_balance=12000, age=40, marginal_rate="0.22")
    assert result.outputs["rollover_deadline"] == date(2027, 10, 15)
    assert cents(result.outputs["taxable"]) == "$12,000.00"
    assert cents(result.outputs["additional_tax"]) == "$1,200.00"
    assert cents(result.outputs["income_tax"]) == "$2,640.00"
    assert cents(result.outputs["total_tax"]) == "$3,840.00"
    assert "October 15, 2027" in result.summary and "$3,840.00 in all" in result.summary
    assert {"irc-402c", "treas-reg-1-402c-3", "irc-72t"} <= {citation.source for citation in result.citations}


def test_loan_offset_partly_rolled_over_and_the_weekend_rule():
    partly = compute("loan_offset", loan_balance="12500.50", age=45, rolled_over="5000.25", marginal_rate="0.12")
    assert cents(partly.outputs["taxable"]) == "$7,500.25"
    assert cents(partly.outputs["additional_tax"]) == "$750.03"
    assert cents(partly.outputs["income_tax"]) == "$900.03"
    assert "$12,500.50 − $5,000.25 rolled over = $7,500.25 taxable" in partly.steps
    # October 15, 2028 is a Sunday: the due date moves to Monday the 16th (IRC 7503).
    sunday = compute("loan_offset", loan_balance=12000, age=45, rolled_over=12000, year=2027)
    assert sunday.outputs["rollover_deadline"] == date(2028, 10, 16)
    assert sunday.outputs["taxable"] == 0 and "none of it is taxed" in sunday.summary
    assert "irc-7503" in {citation.source for citation in sunday.citations}
    with pytest.raises(CalculatorInputError, match="more"):
        compute("loan_offset", loan_balance=1000, age=45, rolled_over=1001)


def test_loan_offset_outside_the_extended_rule_and_when_the_plan_ends():
    late = compute("loan_offset", loan_balance=8000, age=40, reason="other")
    assert late.outputs["rollover_deadline"] is None
    assert "only within 60 days" in late.summary
    ended = compute("loan_offset", loan_balance=8000, age=56, reason="plan_ended")
    assert ended.outputs["rollover_deadline"] == date(2027, 10, 15)
    assert cents(ended.outputs["additional_tax"]) == "$800.00"  # still working at 56: the age-55 rule needs leaving
