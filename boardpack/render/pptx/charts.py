"""Chart specs as native PowerPoint charts, their data embedded, so a figure edited in PowerPoint moves the bar.

python-pptx writes the bar, column and line charts; the one module with chart XML is this one, for what
it lacks: the target line over stacked columns (a line chart sharing the column chart's axes, as
PowerPoint writes a combination chart), a category axis labelled every few periods, and hidden gaps
for the waterfall's invisible base. Colours are theme colours (the brand's, or the company template's),
so a chart restyles with the template, in the roles the PDF's charts give them: the reported period and
totals in the primary colour, earlier periods grey, targets and references dashed in the text colour,
good and bad only where they mean it; the accent is left to the next steps. Number formats are those of
`formatting.series`: one abbreviation for the whole chart, a true minus sign.
Long because every chart kind and all the chart XML python-pptx lacks belong in this one module.
"""

from __future__ import annotations

import copy
import math
import re
from typing import TYPE_CHECKING, Any

from lxml import etree

from boardpack import formatting
from boardpack.charts import ChartSpec

if TYPE_CHECKING:
    from pptx.chart.chart import Chart as PptxChart
    from pptx.shapes.shapetree import SlideShapes

_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"

# theme slots by brand role, as template.THEME_SLOTS fills them
ROLE_SLOT = {
    "primary": "ACCENT_1",
    "secondary": "ACCENT_2",
    "accent": "ACCENT_3",
    "positive": "ACCENT_4",
    "negative": "ACCENT_5",
    "watch": "ACCENT_6",
    "text": "TEXT_1",
}
SERIES_ROLES = ("primary", "secondary", "neutral", "light")  # categories without an order; no accent, no tones
SKIPPED = {"index", "tick_every"}  # numbers in a chart's data that are not its figures
TONE_ROLE = {"best": "positive", "worst": "negative", "good": "positive", "bad": "negative", "watch": "watch"}


def _numbers(data: Any, key: str = "") -> list[float]:
    """Every figure a chart's data holds (its values, bands, steps, targets, reference), for its one style."""
    if isinstance(data, bool) or key in SKIPPED:
        return []
    if isinstance(data, int | float):
        return [float(data)]
    if isinstance(data, dict):
        return [n for k, v in data.items() for n in _numbers(v, k)]
    if isinstance(data, list | tuple):
        return [n for v in data for n in _numbers(v, key)]
    return []


def _quoted(text: str) -> str:
    return f'"{text}"' if text else ""


def number_format(spec: ChartSpec, negative: bool = False, axis: bool = False) -> str:
    """An Excel number format that prints the chart's figures as `formatting.series` does: one abbreviation
    (K or M) and one number of decimals for the whole chart, a true minus sign. `negative`: the figures are
    drawn as positive bars but are losses (the waterfall's decreases), printed with their minus sign.
    `axis`: for the value axis, whose ticks are round (`€600K`, not `€600.0K`)."""
    unit, where = spec.axis.unit, spec.axis
    numbers = [abs(n) for n in _numbers(spec.data)]
    scaled, body, before, after = numbers, "#,##0", "", ""
    if unit == "ratio":  # an unquoted % multiplies by 100; an axis over five points or more has whole ticks
        body = "0%" if axis and numbers and max(numbers) - min(numbers) >= 0.05 else "0.0%"
        return f"{body};{_quoted(formatting.MINUS)}{body};{body}"
    if unit == "multiple":
        body, after = "0.0", "×"
    else:
        money_unit = where.currency if unit == "currency" else None
        largest = max(numbers, default=0.0)
        magnitude = "1000000" if largest >= 1e6 else "1000" if largest >= 1e4 else None
        short = formatting._abbreviation(magnitude, money_unit, where.locale) if magnitude else None
        if short:
            scaled = [n / float(magnitude or 1) for n in numbers]
            digits = (0 if max(scaled) >= 10 else 1) if axis else formatting._decimals(scaled)
            body = ("0." + "0" * digits if digits else "0") + ("," if magnitude == "1000" else ",,")
            before, after = short
        elif money_unit:
            sample = formatting.money(0.0, money_unit, where.locale, 0)
            match = re.match(r"^([^\d]*?)0([^\d]*)$", sample)
            before, after = (match[1], match[2]) if match else ("", "")
    positive = _quoted(before) + body + _quoted(after)
    minus = _quoted(formatting.MINUS + before) + body + _quoted(after)
    zero = _quoted(formatting.series([0.0], unit, where.currency, where.locale)[0])  # `€0`, not `€0K`
    return f"{minus};{minus}" if negative else f"{positive};{minus};{zero}"


def _colour(fill: Any, role: str) -> None:
    """Fill with the theme colour of a brand role; neutral is the text colour lightened."""
    from pptx.enum.dml import MSO_THEME_COLOR

    fill.solid()
    if role == "neutral":  # the PDF's comparison grey
        fill.fore_color.theme_color = MSO_THEME_COLOR.TEXT_1
        fill.fore_color.brightness = 0.6
    elif role == "light":
        fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_2
        fill.fore_color.brightness = 0.5
    else:
        fill.fore_color.theme_color = getattr(MSO_THEME_COLOR, ROLE_SLOT[role])


def _theme_colour(slot: str) -> Any:
    from pptx.enum.dml import MSO_THEME_COLOR

    return getattr(MSO_THEME_COLOR, slot)


def add_chart(shapes: SlideShapes, spec: ChartSpec, box: tuple[int, int, int, int], font: str, size: float) -> Any:
    """Add `spec` as a native chart in `box` (left, top, width, height in EMU); returns the graphic frame."""
    from pptx.util import Pt

    build = _KINDS[spec.kind]
    chart_type, data = build.data(spec)
    frame = shapes.add_chart(chart_type, *box, data)
    chart = frame.chart
    chart.font.size = Pt(size)
    chart.font.name = font
    chart.has_title = False
    build.style(chart, spec)
    return frame


class _Kind:
    """How one chart kind becomes chart data (`data`) and how its series are coloured and marked (`style`)."""

    def data(self, spec: ChartSpec) -> tuple[Any, Any]:
        raise NotImplementedError

    def style(self, chart: PptxChart, spec: ChartSpec) -> None:
        raise NotImplementedError


def _category_data(categories: list[str], spec: ChartSpec) -> Any:
    from pptx.chart.data import CategoryChartData

    data = CategoryChartData(number_format=number_format(spec))
    data.categories = categories
    return data


def _labels(chart: PptxChart, spec: ChartSpec, plot: int = 0) -> None:
    from pptx.enum.chart import XL_LABEL_POSITION

    plot_ = chart.plots[plot]
    plot_.has_data_labels = True
    labels = plot_.data_labels
    labels.number_format = number_format(spec)
    labels.number_format_is_linked = False
    labels.show_value = True
    if chart.chart_type is not None and "STACKED" not in str(chart.chart_type):
        labels.position = XL_LABEL_POSITION.OUTSIDE_END


def _axes(chart: PptxChart, spec: ChartSpec, gridlines: bool = True) -> None:
    """The value axis in the chart's number style; a bar chart's from zero, as the PDF draws bars (a viewer
    left to choose may start it higher, and a bar from an arbitrary floor misstates its size)."""
    axis = chart.value_axis
    bars = chart.chart_type is not None and "LINE" not in str(chart.chart_type)
    if bars and axis.minimum_scale is None and min(_numbers(spec.data), default=0) >= 0:  # the bridge zooms
        axis.minimum_scale = 0
    axis.has_major_gridlines = gridlines
    axis.tick_labels.number_format = number_format(spec, axis=True)
    axis.tick_labels.number_format_is_linked = False
    if gridlines:
        axis.major_gridlines.format.line.color.rgb = _rgb("d9d9d9")


def _rgb(hex_: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_)


class _TrendBars(_Kind):
    def data(self, spec: ChartSpec) -> tuple[Any, Any]:
        from pptx.enum.chart import XL_CHART_TYPE

        data = _category_data(spec.data["periods"], spec)
        data.add_series(spec.title or spec.name, spec.data["values"])
        return XL_CHART_TYPE.COLUMN_CLUSTERED, data

    def style(self, chart: PptxChart, spec: ChartSpec) -> None:
        chart.has_legend = False
        series = chart.plots[0].series[0]
        _colour(series.format.fill, "neutral")  # earlier periods
        last = len(spec.data["values"]) - 1
        _colour(series.points[last].format.fill, "primary")  # the reported period
        _labels(chart, spec)
        _axes(chart, spec)


class _Lines(_Kind):
    """Lines over periods; a reference level (100%, 3:1) as a dashed series, a forecast's range as two thin
    series (its low and high edges) around the central path."""

    def data(self, spec: ChartSpec) -> tuple[Any, Any]:
        from pptx.enum.chart import XL_CHART_TYPE

        data = _category_data(spec.data["periods"], spec)
        for item in spec.data["series"]:
            data.add_series(item["name"], item["values"])
        if band := spec.data.get("band"):
            data.add_series(band.get("low_name", band["name"]), band["low"])
            data.add_series(band.get("high_name", band["name"]), band["high"])
        if reference := spec.data.get("reference"):
            data.add_series(reference["label"], [reference["value"]] * len(spec.data["periods"]))
        return XL_CHART_TYPE.LINE_MARKERS, data

    def style(self, chart: PptxChart, spec: ChartSpec) -> None:
        from pptx.enum.chart import XL_LEGEND_POSITION, XL_MARKER_STYLE
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        from pptx.util import Pt

        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        items = spec.data["series"]
        bands = 2 if spec.data.get("band") else 0
        for index, series in enumerate(chart.plots[0].series):
            series.smooth = False
            line = series.format.line
            line.width = Pt(2)
            if index < len(items):
                role = SERIES_ROLES[index % len(SERIES_ROLES)]
                _colour(line.fill, role)
                _colour(series.marker.format.fill, role)
                series.marker.format.line.fill.background()
                series.marker.size = 5 if len(spec.data["periods"]) <= 12 else 3
                if items[index].get("dashed"):  # the forecast's central path
                    line.dash_style = MSO_LINE_DASH_STYLE.DASH
            elif index < len(items) + bands:  # the range's edges: thin, grey, no markers
                _colour(line.fill, "neutral")
                line.width = Pt(1)
                series.marker.style = XL_MARKER_STYLE.NONE
            else:  # the reference: dashed in the text colour, no markers, as the PDF draws a target
                _colour(line.fill, "text")
                line.dash_style = MSO_LINE_DASH_STYLE.DASH
                line.width = Pt(1.25)
                series.marker.style = XL_MARKER_STYLE.NONE
        _axes(chart, spec)
        if spec.data.get("free_floor"):  # zoomed on the lines, as the PDF's axis is, from a round tick
            _zoom(chart, _numbers({k: v for k, v in spec.data.items() if k != "milestones"}))
        if (every := int(spec.data.get("tick_every", 1))) > 1:  # a long monthly axis: every third month
            axis = chart.category_axis._element
            after = axis.find(f"{{{_C}}}noMultiLvlLbl")  # the schema's order: the skips come before it
            for tag in ("tickLblSkip", "tickMarkSkip"):
                skip = etree.fromstring(f'<c:{tag} xmlns:c="{_C}" val="{every}"/>')
                if after is not None:
                    after.addprevious(skip)
                else:
                    axis.append(skip)


def _zoom(chart: PptxChart, values: list[float]) -> None:
    """The value axis from a round tick under the lowest value to one over the highest, with a margin."""
    if not values:
        return
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
    step = 10 ** math.floor(math.log10(max(high - low + 2 * pad, 1e-9))) / 2
    chart.value_axis.minimum_scale = math.floor((low - pad) / step) * step
    chart.value_axis.maximum_scale = math.ceil((high + pad) / step) * step


class _HBar(_Kind):
    """Horizontal bars, largest first (PowerPoint draws the first category at the bottom: the axis is reversed)."""

    def data(self, spec: ChartSpec) -> tuple[Any, Any]:
        from pptx.enum.chart import XL_CHART_TYPE

        data = _category_data(spec.data["categories"], spec)
        data.add_series(spec.title or spec.name, spec.data["values"])
        return XL_CHART_TYPE.BAR_CLUSTERED, data

    def style(self, chart: PptxChart, spec: ChartSpec) -> None:
        chart.has_legend = False
        series = chart.plots[0].series[0]
        _colour(series.format.fill, "primary")
        for index, category in enumerate(spec.data["categories"]):
            tone = (spec.data.get("highlight") or {}).get(category)
            if tone in TONE_ROLE:
                _colour(series.points[index].format.fill, TONE_ROLE[tone])
        chart.plots[0].gap_width = 60
        chart.category_axis.reverse_order = True
        _labels(chart, spec)
        _axes(chart, spec, gridlines=False)
        chart.value_axis.visible = False


class _GroupedHBar(_HBar):
    def data(self, spec: ChartSpec) -> tuple[Any, Any]:
        from pptx.enum.chart import XL_CHART_TYPE

        data = _category_data(spec.data["categories"], spec)
        for item in spec.data["series"]:
            data.add_series(item["name"], item["values"])
        return XL_CHART_TYPE.BAR_CLUSTERED, data

    def style(self, chart: PptxChart, spec: ChartSpec) -> None:
        from pptx.enum.chart import XL_LEGEND_POSITION

        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        for index, series in enumerate(chart.plots[0].series):
            _colour(series.format.fill, SERIES_ROLES[index % len(SERIES_ROLES)])
        chart.category_axis.reverse_order = True
        _axes(chart, spec)


class _Funnel(_HBar):
    """Stages as horizontal bars, their widths to scale (as in the PDF), the conversion in each stage's name."""

    def data(self, spec: ChartSpec) -> tuple[Any, Any]:
        from pptx.enum.chart import XL_CHART_TYPE

        names = [f"{s} · {r}" if r else s for s, r in zip(spec.data["stages"], spec.data["rate_labels"], strict=True)]
        data = _category_data(names, spec)
        data.add_series(spec.title or spec.name, spec.data["values"])
        return XL_CHART_TYPE.BAR_CLUSTERED, data

    def style(self, chart: PptxChart, spec: ChartSpec) -> None:
        chart.has_legend = False
        _colour(chart.plots[0].series[0].format.fill, "primary")
        chart.plots[0].gap_width = 40
        chart.category_axis.reverse_order = True
        _labels(chart, spec)
        _axes(chart, spec, gridlines=False)
        chart.value_axis.visible = False
        chart.value_axis.minimum_scale = 0
        chart.plots[0].data_labels.number_format = "#,##0"  # the counts exact, as the PDF's funnel says them


class _Waterfall(_Kind):
    """Stacked columns: an invisible base carries each movement to where the last one ended."""

    def data(self, spec: ChartSpec) -> tuple[Any, Any]:
        from pptx.enum.chart import XL_CHART_TYPE

        steps = spec.data["steps"]
        base, total, up, down = [], [], [], []
        level = 0.0
        for step in steps:
            value = step["value"]
            if step["total"]:
                base.append(None), total.append(value), up.append(None), down.append(None)
                level = value
            else:
                base.append(level if value >= 0 else level + value)
                total.append(None)
                up.append(value if value >= 0 else None)
                down.append(-value if value < 0 else None)
                level += value
        data = _category_data([s["label"] for s in steps], spec)
        for name, values in (("base", base), ("total", total), ("increase", up), ("decrease", down)):
            data.add_series(name, values)
        return XL_CHART_TYPE.COLUMN_STACKED, data

    def style(self, chart: PptxChart, spec: ChartSpec) -> None:
        chart.has_legend = False
        plot = chart.plots[0]
        plot.gap_width = 60
        base, total, up, down = plot.series
        base.format.fill.background()
        base.format.line.fill.background()
        _colour(total.format.fill, "primary")
        _colour(up.format.fill, "positive")
        _colour(down.format.fill, "negative")
        _labels(chart, spec)
        tops = [sum(v or 0.0 for v in values) for values in zip(*(s.values for s in plot.series), strict=True)]
        lows = [b if b is not None else t for b, t in zip(base.values, total.values, strict=True)]
        top, low = max(tops), min(v for v in lows if v is not None)
        floor = max(0.0, low - (top - low) * 1.2)  # zoomed on the movements, as the PDF, at a round tick
        step = 10 ** math.floor(math.log10(max(top - floor, 1.0))) / 2
        chart.value_axis.minimum_scale = math.floor(floor / step) * step
        for series in (total, up, down):  # light on the dark bars, where the labels sit
            labels = series.data_labels
            shown = number_format(spec, negative=series is down)  # a decrease is drawn up, said with its minus
            labels.number_format, labels.number_format_is_linked, labels.show_value = shown, False, True
            labels.font.color.theme_color = _theme_colour("BACKGROUND_1")
        base_labels = base._element.find(f"{{{_C}}}dLbls")
        if base_labels is not None:
            base._element.remove(base_labels)
        base._element.append(etree.fromstring(f'<c:dLbls xmlns:c="{_C}"><c:delete val="1"/></c:dLbls>'))
        _axes(chart, spec)


class _StackedBars(_Kind):
    """Stacked columns by source, the target a line over them: a combination chart, written as PowerPoint does."""

    def data(self, spec: ChartSpec) -> tuple[Any, Any]:
        from pptx.enum.chart import XL_CHART_TYPE

        data = _category_data(spec.data["periods"], spec)
        for item in spec.data["series"]:
            data.add_series(item["name"], item["values"])
        if spec.data.get("targets"):
            data.add_series(spec.data.get("target_label", "Target"), spec.data["targets"])
        return XL_CHART_TYPE.COLUMN_STACKED, data

    def style(self, chart: PptxChart, spec: ChartSpec) -> None:
        from pptx.enum.chart import XL_LEGEND_POSITION

        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        plot = chart.plots[0]
        plot.gap_width = 60
        for index, series in enumerate(plot.series):
            _colour(series.format.fill, SERIES_ROLES[index % len(SERIES_ROLES)])
        _axes(chart, spec)
        if spec.data.get("targets"):
            _target_line(chart)


def _target_line(chart: PptxChart) -> None:
    """Move the last series of the column chart into a line chart on the same axes (the target)."""
    bar = chart.plots[0]._element
    target = bar.findall(f"{{{_C}}}ser")[-1]
    bar.remove(target)
    line = etree.Element(f"{{{_C}}}lineChart")
    etree.SubElement(line, f"{{{_C}}}grouping", val="standard")
    etree.SubElement(line, f"{{{_C}}}varyColors", val="0")
    for tag in ("invertIfNegative",):
        for element in target.findall(f"{{{_C}}}{tag}"):
            target.remove(element)
    fill = target.find(f"{{{_C}}}spPr")
    if fill is not None:
        target.remove(fill)
    sp = etree.fromstring(
        f'<c:spPr xmlns:c="{_C}" xmlns:a="{_A}"><a:ln w="28575" cap="rnd"><a:solidFill><a:schemeClr val="tx1"/>'
        '</a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr>'
    )
    marker = etree.fromstring(f'<c:marker xmlns:c="{_C}"><c:symbol val="none"/></c:marker>')
    tx = target.find(f"{{{_C}}}tx")
    anchor = tx if tx is not None else target.find(f"{{{_C}}}order")
    anchor.addnext(sp)
    sp.addnext(marker)
    target.append(etree.fromstring(f'<c:smooth xmlns:c="{_C}" val="0"/>'))
    line.append(target)
    etree.SubElement(line, f"{{{_C}}}marker", val="1")
    for ax_id in bar.findall(f"{{{_C}}}axId"):
        line.append(copy.deepcopy(ax_id))
    bar.addnext(line)


_KINDS: dict[str, _Kind] = {
    "trend_bars": _TrendBars(),
    "lines": _Lines(),
    "hbar": _HBar(),
    "grouped_hbar": _GroupedHBar(),
    "funnel": _Funnel(),
    "waterfall": _Waterfall(),
    "stacked_bars": _StackedBars(),
}


def native(kind: str) -> bool:
    """Whether a chart kind has a native PowerPoint chart (a heatmap becomes a table instead)."""
    return kind in _KINDS
