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
    assert formatting.money_compact(611885, "EUR", "en_IE") == "€612K"  # three significant digits
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


MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7051836, "€7.05M"),  # ARR in a tile: not €7,051,836
        (608108, "€608K"),
        (18240, "€18.2K"),
        (4214.26, "€4,214"),
        (-35200, f"{MINUS}€35.2K"),
    ],
)
def test_compact_money_has_three_significant_digits(value: float, expected: str) -> None:
    assert formatting.money_compact(value, "EUR", "en_IE") == expected


def test_negative_figures_carry_a_true_minus_sign() -> None:
    assert formatting.percent(-0.075, "en_IE") == f"{MINUS}7.5%"
    assert formatting.money(-1940, "EUR", "en_IE") == f"{MINUS}€1,940"
    assert formatting.number(-3, "fr_FR") == f"{MINUS}3"
    assert "-" not in formatting.money_compact(-2_500_000, "EUR", "ro_RO")


def test_cents_only_where_every_amount_is_below_a_hundred() -> None:
    assert formatting.money(400.0, "EUR", "en_IE") == "€400"  # a whole amount has no .00
    assert formatting.money(95.46, "EUR", "en_IE") == "€95.46"
    assert formatting.money(244.56, "EUR", "en_IE") == "€245"  # a sentence's €244.56 reads €245, as its step does
    assert formatting.money(938.71, "EUR", "en_IE") == "€939"
    assert formatting.money_column([67.87, 120.4, None], "EUR", "en_IE") == ["€68", "€120", "n/a"]
    assert formatting.money_column([67.87, 3.0, None], "EUR", "en_IE") == ["€67.87", "€3.00", "n/a"]
    assert formatting.money_column([67.0, 3.0], "EUR", "en_IE") == ["€67", "€3"]


@pytest.mark.parametrize(
    ("values", "unit", "locale", "expected"),
    [
        # one abbreviation per axis: never €0, €6,000, €12K
        ([0, 6000, 12000, 18000], "currency", "en_IE", ["€0", "€6K", "€12K", "€18K"]),
        # Romanian: millions for every tick, never 1,6 mil. € beside 400 K €
        (
            [400000, 800000, 1200000, 1600000],
            "currency",
            "ro_RO",
            [f"0,{d}{NBSP}mil.{NBSP}€" for d in "48"] + [f"1,{d}{NBSP}mil.{NBSP}€" for d in "26"],
        ),
        # retention ticks printed exactly, so 99.5% and 100% are not both 100%; a decimal only where it is needed
        ([0.985, 0.99, 0.995, 1.0], "ratio", "en_IE", ["98.5%", "99%", "99.5%", "100%"]),
        # no false precision: €5K, not €5.0K, beside €2.5K
        ([0, 2500, 5000, 7500, 10000], "currency", "en_IE", ["€0", "€2.5K", "€5K", "€7.5K", "€10K"]),
        ([0.2, 0.4, 0.6], "ratio", "ro_RO", [f"20{NBSP}%", f"40{NBSP}%", f"60{NBSP}%"]),
        ([0, 20000, 40000], "count", "fr_FR", ["0", f"20{NBSP}k", f"40{NBSP}k"]),
    ],
)
def test_axis_ticks_share_one_style(values: list[float], unit: str, locale: str, expected: list[str]) -> None:
    assert formatting.series(values, unit, "EUR", locale, exact=True) == expected


def test_bridge_labels_share_one_style() -> None:
    # 589,920 start, +1,940, +17,400, -5,000 and 608,108 end: one K, one decimal, signed moves
    labels = formatting.series([589920, 1940, 17400, -5000, 608108], "currency", "EUR", "en_IE", signed=True)
    assert labels == ["+€589.9K", "+€1.9K", "+€17.4K", f"{MINUS}€5.0K", "+€608.1K"]


def test_axis_takes_the_abbreviation_of_the_figures_it_labels() -> None:
    # bars of €326K to €608K: the axis reads €250K, €750K (not €0.25M, €0.75M) beside them
    ticks = formatting.series([0, 250000, 500000, 750000], "currency", "EUR", "en_IE", exact=True, like=[326e3, 608e3])
    assert ticks == ["€0", "€250K", "€500K", "€750K"]
    labels = formatting.series([326e3, 608e3], "currency", "EUR", "en_IE")
    assert labels == ["€326K", "€608K"]
    assert {t[-1] for t in ticks[1:] + labels} == {"K"}


def test_a_value_that_rounds_to_zero_is_shown_as_zero_without_a_sign() -> None:
    # a fresh pack's bridge: −€2 of contraction beside €10.5K of MRR is not −€0.0K
    labels = formatting.series([10500, -2, 500, 0, 10980], "currency", "EUR", "en_IE", signed=True)
    assert labels == ["+€10.50K", "€0", "+€0.50K", "€0", "+€10.98K"]
    # but €50 of downgrades is a real movement: two decimals rather than showing it as nothing
    labels = formatting.series([10400, -50, 10350], "currency", "EUR", "en_IE", signed=True)
    assert labels == ["+€10.40K", f"{MINUS}€0.05K", "+€10.35K"]
    assert formatting.series([-0.0004, 0.02], "ratio", "EUR", "en_IE", signed=True) == ["0.0%", "+2.0%"]


@pytest.mark.parametrize(
    ("label", "language", "expected"),
    [
        ("2026-Q3", "en", f"Q3{NBSP}2026"),
        ("2026-Q3", "fr", f"T3{NBSP}2026"),
        ("2026-Q3", "ro", f"T3{NBSP}2026"),
        ("2026-09", "en", f"Sep{NBSP}2026"),
        ("2026-09", "fr", f"sept.{NBSP}2026"),
        ("2026-09", "ro", f"sept.{NBSP}2026"),
        ("2026", "fr", "2026"),
    ],
)
def test_period_names_in_the_deck_language(label: str, language: str, expected: str) -> None:
    from boardpack.periods import parse_period

    assert formatting.period_name(parse_period(label), language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", f"no rows for Jan{NBSP}2024, Feb{NBSP}2024 ... in Q4{NBSP}2026 (Q3{NBSP}2026), as of 2026-09-30"),
        ("fr", f"no rows for janv.{NBSP}2024, févr.{NBSP}2024 ... in T4{NBSP}2026 (T3{NBSP}2026), as of 2026-09-30"),
        ("ro", f"no rows for ian.{NBSP}2024, feb.{NBSP}2024 ... in T4{NBSP}2026 (T3{NBSP}2026), as of 2026-09-30"),
    ],
)
def test_reasons_name_their_periods_in_the_deck_language(language: str, expected: str) -> None:
    """A reason written with canonical labels reads with the deck's period names; a date stays a date."""
    text = "no rows for 2024-01, 2024-02 ... in 2026-Q4 (2026-Q3), as of 2026-09-30"
    assert formatting.name_periods(text, language) == expected
    assert formatting.name_periods("FY2027 and 12026-09 and 2026-13", language) == "FY2027 and 12026-09 and 2026-13"


def test_month_names_follow_the_deck_language() -> None:
    assert formatting.words_locale("en_IE", "fr") == "fr"
    assert formatting.words_locale("fr_FR", "fr") == "fr_FR"
    assert formatting.long_date(date(2026, 9, 30), formatting.words_locale("en_IE", "ro")) == "30 septembrie 2026"
