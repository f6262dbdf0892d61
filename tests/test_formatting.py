from datetime import date

import pytest

from boardpack import formatting

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("locale", "value", "digits", "expected"),
    [
        ("fr_FR", 12345.67, 2, f"12{NNBSP}345,67{NBSP}€"),
        ("en_IE", 12345.67, 2, "€12,345.67"),
        ("en_IE", 611885.09, None, "€611,885"),
        ("en_IE", 67.866, None, "€67.87"),
        ("de_DE", 12345.67, 2, f"12.345,67{NBSP}€"),
        ("fr_FR", None, None, "n/a"),
    ],
)
def test_money(locale: str, value: float | None, digits: int | None, expected: str) -> None:
    assert formatting.money(value, "EUR", locale, digits) == expected


@pytest.mark.parametrize(
    ("locale", "value", "expected"),
    [("fr_FR", 0.1234, f"12,3{NBSP}%"), ("en_US", 0.1234, "12.3%"), ("en_US", 1.0062, "100.6%")],
)
def test_percent(locale: str, value: float, expected: str) -> None:
    assert formatting.percent(value, locale) == expected


def test_compact_multiple_months_and_change() -> None:
    assert formatting.money_compact(611885, "EUR", "en_IE") == "€611.9K"
    assert formatting.money_compact(4214.26, "EUR", "en_IE") == "€4,214"
    assert formatting.multiple(4.394, "fr_FR") == "4,4×"
    assert formatting.months(9.57, "en_US") == f"9.6{NBSP}mo"
    assert formatting.change(0.0165, "points", "en_US") == f"+1.7{NBSP}pts"
    assert formatting.change(-0.118, "relative", "en_US") == "−11.8%"
    assert formatting.change(0.0, "relative", "en_US") == "±0.0%"
    assert formatting.change(None, None, "en_US") == "n/a"


def test_long_date() -> None:
    assert formatting.long_date(date(2026, 9, 30), "fr_FR") == "30 septembre 2026"
    assert formatting.long_date(date(2026, 9, 30), "en_IE") == "30 September 2026"


def test_change_too_small_to_show_has_no_sign() -> None:
    assert formatting.change(-0.00003, "points", "en_US") == "±0.0\u00a0pts"
    assert formatting.change(0.0004, "relative", "en_US") == "±0.0%"
    assert formatting.change(-0.0006, "relative", "en_US") == "−0.1%"
