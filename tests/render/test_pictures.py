"""Picture test: every page of three sample decks (16:9 and A4, English, French and Romanian, a quarter and a
month) rendered at low resolution and compared with committed reference images within a tolerance, so a
change of design is a visible, reviewed diff.

Accept a change with `pytest tests/render/test_pictures.py --update-references`, look at the new images
in tests/render/references/, and commit them. The references hold the renderer versions they were made
with; under other versions (fonts are drawn a little differently) the test is skipped and says why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REFERENCES = Path(__file__).parent / "references"
DPI = 36
TOLERANCE = 4.0  # root mean square difference of a page, on 0..255 grey levels
DECKS = ("sample_deck", "harbor_deck", "month_deck")


def _versions() -> dict[str, str]:
    import matplotlib
    import pypdfium2
    import weasyprint

    return {
        "weasyprint": weasyprint.__version__,
        "matplotlib": matplotlib.__version__,
        "pdfium": str(pypdfium2.version.PDFIUM_INFO),
    }


def _pages(deck: Path) -> list:  # type: ignore[type-arg]
    """Each page as a greyscale PIL image at DPI."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(deck)
    try:
        return [page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()


def _rms(first, second) -> float:  # type: ignore[no-untyped-def]
    from PIL import ImageChops, ImageStat

    if first.size != second.size:
        return float("inf")
    stat = ImageStat.Stat(ImageChops.difference(first, second))
    return float(stat.rms[0])


@pytest.mark.parametrize("deck", DECKS)
def test_pages_match_the_reference_images(deck: str, request: pytest.FixtureRequest) -> None:
    folder = REFERENCES / deck
    pages = _pages(request.getfixturevalue(deck))
    if request.config.getoption("--update-references"):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("page-*.png"):
            old.unlink()
        for number, image in enumerate(pages, start=1):
            image.save(folder / f"page-{number:02d}.png", optimize=True)
        (REFERENCES / "versions.json").write_text(json.dumps(_versions(), indent=2) + "\n")
        return
    if not (REFERENCES / "versions.json").is_file() or not folder.is_dir():
        pytest.skip("no reference images yet: run with --update-references and commit them")
    made_with = json.loads((REFERENCES / "versions.json").read_text())
    if made_with != _versions():
        pytest.skip(f"references made with {made_with}, this machine has {_versions()}")
    from PIL import Image

    expected = sorted(folder.glob("page-*.png"))
    assert len(pages) == len(expected), f"{deck}: {len(pages)} pages, the references have {len(expected)}"
    differ = []
    for number, (image, path) in enumerate(zip(pages, expected, strict=True), start=1):
        with Image.open(path) as reference:
            rms = _rms(image, reference.convert("L"))
        if rms > TOLERANCE:
            differ.append(f"page {number}: {rms:.1f}")
    assert differ == [], f"{deck} differs from tests/render/references/{deck} (accept with --update-references)"
