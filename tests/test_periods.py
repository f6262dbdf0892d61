from datetime import date

import pytest

from boardpack.periods import Period, PeriodError, month_index, parse_period


@pytest.mark.parametrize(
    ("text", "fiscal_start", "label", "first", "last"),
    [
        ("2026-07", 1, "2026-07", date(2026, 7, 1), date(2026, 7, 31)),
        ("2026-7", 1, "2026-07", date(2026, 7, 1), date(2026, 7, 31)),
        ("2026-Q3", 1, "2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026q1", 1, "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2024-02", 1, "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026", 1, "2026", date(2026, 1, 1), date(2026, 12, 31)),
        # a fiscal year starting in April is named after the calendar year it ends in
        ("FY2027", 4, "FY2027", date(2026, 4, 1), date(2027, 3, 31)),
        ("2027-Q1", 4, "2027-Q1", date(2026, 4, 1), date(2026, 6, 30)),
        ("2027-Q4", 4, "2027-Q4", date(2027, 1, 1), date(2027, 3, 31)),
    ],
)
def test_parse_period(text: str, fiscal_start: int, label: str, first: date, last: date) -> None:
    period = parse_period(text, fiscal_start)
    assert (period.label, period.first_day, period.last_day) == (label, first, last)
    assert parse_period(period.label, fiscal_start) == period


def test_prior_history_and_containment() -> None:
    q3 = parse_period("2026-Q3")
    assert q3.prior().label == "2026-Q2"
    assert q3.same_period_last_year().label == "2025-Q3"
    assert parse_period("2026-01").prior().label == "2025-12"
    assert [p.label for p in q3.history(3)] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert q3.contains(parse_period("2026-08"))
    assert not q3.contains(parse_period("2026-10"))
    assert q3.overlaps(Period(month_index(2026, 9), "quarter"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "'2026-13' is not a period: month 13 does not exist"),
        (
            "Q3 2026",
            "'Q3 2026' is not a period; expected a month (2026-07), a quarter (2026-Q3) or a year (2026, FY2026)",
        ),
    ],
)
def test_bad_period(text: str, message: str) -> None:
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert str(error.value) == message
