"""A brand's text colours are checked for contrast when the pack is read: a notice names the pair and its
ratio, the pack still builds. Ratios worked out by hand from the WCAG 2 formula."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from boardpack.api import load_pack
from boardpack.cli import app
from boardpack.inputs.brand import Colours
from boardpack.inputs.contrast import contrast, light_series, low_contrast
from tests.conftest import ROOT, SAMPLE, edit


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        # #777777: 0x77 / 255 = 0.4667, linear ((0.4667 + 0.055) / 1.055) ^ 2.4 = 0.1845; (1.05) / (0.2345) = 4.48
        ("#777777", "#ffffff", 4.48),
        ("#14b8a6", "#ffffff", 2.49),  # Harbor Lane's teal, once used for the question under each title
    ],
)
def test_wcag_ratio(foreground: str, background: str, ratio: float) -> None:
    assert contrast(foreground, background) == pytest.approx(ratio, abs=0.01)
    assert contrast(background, foreground) == pytest.approx(ratio, abs=0.01)


def test_the_default_brand_and_both_sample_brands_pass() -> None:
    assert low_contrast(Colours()) == [] and light_series(Colours()) == []
    for pack_dir in (SAMPLE, ROOT / "sample_data" / "harbor"):
        assert low_contrast(load_pack(pack_dir).config.brand.colours) == [], pack_dir
    assert not [n for n in load_pack(SAMPLE).notices if "contrast" in str(n)]


def test_a_series_colour_too_light_for_its_labels_is_a_notice() -> None:
    """Harbor Lane's teal second series (2.49:1 on white) is written darker on the charts, and validate says so."""
    harbor = load_pack(ROOT / "sample_data" / "harbor")
    assert light_series(harbor.config.brand.colours) == [("secondary", "background", 2.4)]
    assert [str(n) for n in harbor.notices if "contrast" in str(n)] == [
        "boardpack.yaml:brand.colours.secondary: chart labels in the series colour secondary (#14b8a6) on background "
        "(#ffffff) would have a contrast of 2.4:1; they are drawn in a darker shade to reach 4.5:1"
    ]


def test_validate_warns_of_a_light_series_colour(pack: Path) -> None:
    edit(
        pack / "boardpack.yaml",
        "company: Tiny Test Ltd\n",
        'company: Tiny Test Ltd\nbrand:\n  colours:\n    secondary: "#56b4e9"\n',
    )
    result = CliRunner().invoke(app, ["validate", str(pack)])
    assert result.exit_code == 0, result.output  # a notice: the pack is still valid
    # #56b4e9 on white: 2.31
    assert (
        "brand.colours.secondary: chart labels in the series colour secondary (#56b4e9) on background" in result.output
    )
    assert "contrast of 2.3:1" in result.output


def test_low_contrast_text_colour_is_a_notice_naming_the_pair_and_ratio(pack: Path) -> None:
    edit(
        pack / "boardpack.yaml",
        "company: Tiny Test Ltd\n",
        'company: Tiny Test Ltd\nbrand:\n  colours:\n    muted: "#999999"\n',
    )
    notices = [str(n) for n in load_pack(pack).notices if "contrast" in str(n)]
    # #999999 on white: 2.85; on the default surface #f6f7f9: 2.64; both below 4.5
    assert notices == [
        "boardpack.yaml:brand.colours.muted: text in muted (#999999) on background (#ffffff) has a contrast of "
        "2.8:1; expected at least 4.5:1",
        "boardpack.yaml:brand.colours.muted: text in muted (#999999) on surface (#f6f7f9) has a contrast of "
        "2.6:1; expected at least 4.5:1",
    ]
    result = CliRunner().invoke(app, ["validate", str(pack)])
    assert result.exit_code == 0, result.output  # a notice: the pack is still valid
    assert (
        f"note: {pack}/boardpack.yaml:brand.colours.muted: text in muted (#999999) on background (#ffffff) "
        "has a contrast of 2.8:1" in result.output
    )
