"""Properties every calculator must keep, whatever the (valid) inputs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.calculator_fixtures import compute
from vested.calculate.base import CalculatorInputError
from vested.calculate.growth import MAX_GROWTH

AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2)
POSITIVE = st.decimals(min_value=Decimal("0.01"), max_value=10**9, places=2)
RATES = st.decimals(min_value=0, max_value=1, places=4)
FEW = settings(max_examples=150, deadline=None)


@FEW
@given(vested=AMOUNTS, highest=AMOUNTS, owed=AMOUNTS, floor=st.booleans())
def test_loan_maximum_never_exceeds_50000_nor_the_vested_balance(vested, highest, owed, floor):
    highest = max(highest, owed)
    result = compute(
        "loan_maximum", vested=vested, highest_balance_12m=highest, outstanding=owed, allow_10k_floor=floor
    )
    loan = result.outputs["max_new_loan"]
    assert 0 <= loan <= Decimal(50000)
    assert loan <= vested


@FEW
@given(amount=POSITIVE, share=st.decimals(min_value=0, max_value=1, places=3), age=st.integers(0, 120))
def test_indirect_rollover_parts_add_up_to_the_balance(amount, share, age):
    redeposited = amount * share
    result = compute("indirect_rollover", amount=amount, redeposited=redeposited, age=age)
    outputs = result.outputs
    assert outputs["withheld"] + outputs["received"] == amount
    assert outputs["redeposited"] + outputs["taxable_shortfall"] == amount
    assert outputs.get("additional_tax", Decimal(0)) <= outputs["taxable_shortfall"]


@FEW
@given(
    basis=AMOUNTS,
    first_value=POSITIVE,
    shares=st.lists(st.decimals(min_value=0, max_value=1, places=3), min_size=1, max_size=6),
)
def test_pro_rata_parts_add_up_and_the_basis_never_goes_negative(basis, first_value, shares):
    values, withdrawals = [], []
    value = first_value
    for share in shares:
        if value <= 0:
            break
        values.append(value)
        withdrawals.append(value * share)
        value -= value * share
    result = compute("after_tax_basis_share", basis=basis, account_value=values, distribution=withdrawals)
    rows = result.outputs.get("withdrawals") or [result.outputs | {"distribution": withdrawals[0]}]
    for row in rows:
        assert row["tax_free"] + row["taxable"] == row["distribution"]
        assert 0 <= row["tax_free"] <= row["distribution"]
        assert row["basis_remaining"] >= 0


@FEW
@given(
    schedule=st.sampled_from(["cliff", "graded", "immediate", "custom"]),
    cliff=st.integers(1, 10),
    start=st.integers(1, 10),
    step=st.decimals(min_value=Decimal("0.01"), max_value=1, places=2),
    table=st.dictionaries(st.integers(0, 15), st.integers(0, 100), min_size=1, max_size=6),
    years=st.lists(st.decimals(min_value=0, max_value=40, places=1), min_size=2, max_size=6),
)
def test_vesting_never_decreases_with_service(schedule, cliff, start, step, table, years):
    shares = sorted(table.values())
    custom = ", ".join(f"{year}:{share}" for year, share in zip(sorted(table), shares, strict=True))
    rates = [
        compute(
            "vesting",
            schedule=schedule,
            years_of_service=service,
            cliff_years=cliff,
            graded_start_year=start,
            graded_step=step,
            custom_schedule=custom,
        ).outputs["vested_rate"]
        for service in sorted(years)
    ]
    assert rates == sorted(rates)
    assert all(0 <= rate <= 1 for rate in rates)


@FEW
@given(year=st.integers(2018, 2026), ages=st.lists(st.integers(0, 120), min_size=2, max_size=8))
def test_limit_never_decreases_with_age_within_a_year(year, ages):
    """Strictly true when the plan has no 60-63 catch-up (see the next test for when it does)."""
    limits = [
        compute("contribution_limit", age=age, year=year, plan_allows_60_63=False).outputs["total_employee_limit"]
        for age in sorted(ages)
    ]
    assert limits == sorted(limits)


@FEW
@given(year=st.integers(2018, 2026), ages=st.lists(st.integers(0, 120), min_size=2, max_size=8))
def test_with_the_60_63_catch_up_the_limit_only_steps_back_at_64(year, ages):
    """The law ends the higher catch-up at 64, so the limit rises to 63, then stays at the age-50 level."""
    for low, high in zip(sorted(ages), sorted(ages)[1:], strict=False):
        at_low = compute("contribution_limit", age=low, year=year).outputs["total_employee_limit"]
        at_high = compute("contribution_limit", age=high, year=year).outputs["total_employee_limit"]
        if 60 <= low <= 63 < high:
            at_50 = compute("contribution_limit", age=50, year=year).outputs["total_employee_limit"]
            assert at_high == at_50 <= at_low
        else:
            assert at_low <= at_high


@FEW
@given(deferrals=st.lists(RATES.filter(lambda rate: rate <= Decimal("0.96")), min_size=2, max_size=6), salary=POSITIVE)
def test_match_never_decreases_with_the_deferral(deferrals, salary):
    """Up to 96%: with the 4% match, more would put over 100% of pay in, which is refused."""
    matches = [
        compute(
            "employer_match",
            formula="100% of the first 3% and 50% of the next 2%",
            salary=salary,
            deferral_rate=deferral,
        ).outputs["match"]
        for deferral in sorted(deferrals)
    ]
    assert matches == sorted(matches)
    assert matches[-1] <= salary * Decimal("0.04")


@FEW
@given(
    contribution=st.decimals(min_value=0, max_value=100000, places=2),
    rate=RATES.filter(lambda rate: rate <= MAX_GROWTH),
    years=st.integers(1, 60),
    frequency=st.sampled_from(["yearly", "monthly", "biweekly"]),
)
def test_future_value_is_at_least_what_went_in(contribution, rate, years, frequency):
    assume(contribution > 0)  # nothing going in and nothing there is asked about (test below)
    result = compute("future_value", contribution=contribution, annual_return=rate, years=years, frequency=frequency)
    assert result.outputs["future_value"] >= result.outputs["contributed"] - Decimal("0.000001")
    assert result.outputs["growth"] >= 0, "never a negative residue of rounding"


@FEW
@given(
    contribution=st.decimals(min_value=0, max_value=10**9, places=2),
    start=st.decimals(min_value=0, max_value=10**9, places=2),
    raise_=st.sampled_from([Decimal(0), Decimal("0.03"), Decimal("0.3")]),
    years=st.integers(1, 100),
    frequency=st.sampled_from(["yearly", "monthly", "biweekly", "weekly"]),
)
def test_a_zero_return_grows_nothing(contribution, start, raise_, years, frequency):
    assume(contribution > 0 or start > 0)
    result = compute(
        "future_value",
        contribution=contribution,
        annual_return=Decimal(0),
        years=years,
        frequency=frequency,
        starting_balance=start,
        salary_growth=raise_,
    )
    assert result.outputs["growth"] >= 0


def test_a_projection_of_nothing_asks_for_the_balance():
    with pytest.raises(CalculatorInputError, match="starting balance"):
        compute("future_value", contribution=0, annual_return=Decimal("0.05"), years=10)


@FEW
@given(
    holdings=st.lists(AMOUNTS, min_size=2, max_size=2),
    stocks=st.integers(0, 100),
)
def test_rebalance_trades_net_to_zero(holdings, stocks):
    if sum(holdings) == 0:
        return
    result = compute(
        "rebalance",
        holdings=f"stocks={holdings[0]}, bonds={holdings[1]}",
        target=f"{stocks}/{100 - stocks}",
    )
    assert sum(result.outputs["trades"].values()) == 0


AGES = st.decimals(min_value=0, max_value=120, places=1)


@FEW
@given(required=AMOUNTS, taken=AMOUNTS, corrected=st.booleans())
def test_missed_rmd_excise_never_exceeds_the_shortfall(required, taken, corrected):
    outputs = compute("missed_rmd", required_rmd=required, taken=taken, corrected_in_time=corrected).outputs
    shortfall = max(required - taken, Decimal(0))
    assert outputs["shortfall"] == shortfall
    assert 0 <= outputs["excise_tax"] <= shortfall
    assert outputs["excise_tax"] == shortfall * (Decimal("0.10") if corrected else Decimal("0.25"))


@FEW
@given(
    first=AMOUNTS,
    second=AMOUNTS,
    age=st.one_of(st.none(), st.integers(0, 120)),
    year=st.integers(2018, 2026),
    offered=st.booleans(),
)
def test_excess_deferral_is_never_negative_and_is_what_is_over_the_limit(first, second, age, year, offered):
    outputs = compute(
        "excess_deferral", first_plan=first, second_plan=second, age=age, year=year, plan_allows_60_63=offered
    ).outputs
    assert outputs["total_deferred"] == first + second
    assert outputs["excess"] >= 0 and outputs["room_left"] >= 0
    assert outputs["excess"] == max(first + second - outputs["limit"], Decimal(0))
    assert outputs["room_left"] == max(outputs["limit"] - first - second, Decimal(0))
    assert outputs["limit"] >= outputs["deferral_limit"]


@FEW
@given(amount=POSITIVE, age=AGES, opted_out=st.booleans(), exception=st.booleans(), rate=RATES)
def test_hardship_withholding_is_10_percent_of_the_gross_unless_opted_out(amount, age, opted_out, exception, rate):
    outputs = compute(
        "hardship_withdrawal",
        amount=amount,
        age=age,
        waive_withholding=opted_out,
        exception=exception,
        marginal_rate=rate,
    ).outputs
    assert outputs["withheld"] == (Decimal(0) if opted_out else amount * Decimal("0.10"))
    assert outputs["withheld"] + outputs["paid_out"] == amount
    assert outputs["additional_tax"] in {Decimal(0), amount * Decimal("0.10")}
    assert (outputs["additional_tax"] == 0) == (age >= Decimal("59.5") or exception)
    assert outputs["due_at_filing"] == outputs["total_tax"] - outputs["withheld"]


@FEW
@given(owed=POSITIVE, share=st.decimals(min_value=0, max_value=1, places=3), age=AGES, year=st.integers(2018, 2100))
def test_loan_offset_taxes_only_what_is_not_rolled_over_and_by_a_weekday(owed, share, age, year):
    rolled = (owed * share).quantize(Decimal("0.01"))
    result = compute("loan_offset", loan_balance=owed, age=age, rolled_over=min(rolled, owed), year=year)
    outputs = result.outputs
    assert outputs["taxable"] == owed - min(rolled, owed) >= 0
    assert outputs["additional_tax"] in {Decimal(0), outputs["taxable"] * Decimal("0.10")}
    deadline = outputs["rollover_deadline"]
    assert deadline.year == year + 1 and deadline.month == 10 and 15 <= deadline.day <= 17
    assert deadline.weekday() < 5
