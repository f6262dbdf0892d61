"""`boardpack.yaml`: who the company is, how to format its numbers, and what it aims for.

Unknown keys are errors that name the key: a misspelt `gross_margn` silently ignored would put a
wrong LTV in front of a board. Numbers must be finite: YAML reads `.nan` and `.inf`, and a target of
`.inf` would judge every figure on target and write `Infinity`, which is not JSON, into the metrics file.
Types are strict: YAML reads `yes` as true, which pydantic would otherwise take for the number 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from boardpack.formatting import language_locale
from boardpack.i18n import N_
from boardpack.inputs.brand import Brand
from boardpack.inputs.confidentiality import DEFAULT_CONFIDENTIALITY, Confidentiality, Language
from boardpack.inputs.findings import FindingsSettings
from boardpack.inputs.forecast_settings import ForecastSettings
from boardpack.inputs.fx.settings import FxSettings
from boardpack.inputs.health_settings import HealthSettings
from boardpack.inputs.numbers import Convention, locale_convention
from boardpack.inputs.raw.settings import RawSettings
from boardpack.inputs.report import INVISIBLE, ValidationReport, quoted, shown
from boardpack.inputs.suggest import closest
from boardpack.inputs.yamlfile import read_yaml
from boardpack.periods import PeriodError, parse_period

CONFIG_FILE = "boardpack.yaml"
SCHEMA_VERSION = 1  # the version of boardpack.yaml this code reads; docs/schemas/ publishes its JSON Schema


class StatusBands(BaseModel):
    """How far from its target a metric may be before it is `watch`, then `off_target`."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    watch: float = Field(0.10, ge=0, le=1, description="relative shortfall still shown as watch (0.10 = 10%)")


class Target(BaseModel):
    """A metric's target: a number, or `{value: 0.05, per: year}` to say the period it is stated for.

    Which period a bare number covers depends on the metric (the judge step reads it): a rate or a flow
    per year, as published figures and budgets are; a point in time or a ratio has no period at all.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float = Field(allow_inf_nan=False)
    per: Literal["month", "quarter", "year"] | None = None

    @model_validator(mode="before")
    @classmethod
    def _number(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return data
        try:
            if isinstance(data, bool):
                raise TypeError
            return {"value": float(data)}
        except (TypeError, ValueError):
            expected = "expected a number such as 0.05, or {value: 0.05, per: year}"
            raise ValueError(f"'{str(data)[:40]}' is not a target; {expected}") from None

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        """The published schema says what the file may hold: a bare number, or the mapping."""
        mapping = handler.resolve_ref_schema(handler(core_schema))
        return {"description": mapping.get("description", ""), "anyOf": [{"type": "number"}, mapping]}


class CoherenceChecks(BaseModel):
    """How far figures that should agree may drift apart before validation points at them.

    Both checks give notices, not errors: a stage may outgrow the one before it for a while (deals
    opened this quarter from last quarter's SQLs), and billing may lag the CRM by a few days.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    count_tolerance: float = Field(
        0.05,
        ge=0,
        le=1,
        description="share by which a quarter's customers won, new customers billed and wins may differ (0.05 = 5%)",
    )
    stage_margin: float = Field(
        0.10,
        ge=0,
        le=10,
        description="share by which a funnel stage may exceed the one before it over a period (0.10 = 10%)",
    )


class PackConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    schema_version: int = Field(
        SCHEMA_VERSION, description="version of these settings; a newer one than boardpack reads is refused"
    )
    company: str = Field(min_length=1, description="company name, on the cover and every footer")
    currency: str = Field("EUR", description="ISO 4217 code of the reporting currency: every amount is shown in it")
    locale: str = Field(
        "en_US",
        description="number and date formats (fr_FR, en_GB, ro_RO, ...): kept when of the deck's language, else the "
        "language's in this locale's country or its own (fr_FR, ro_RO, en_US); when written, also how cells such "
        "as 12.500 are read where no other cell settles it",
    )
    language: Language = Field("en", description="language of the deck's words and number formats: en, fr or ro")
    period: str | None = Field(None, description="period reported when --period is not given")
    fiscal_year_start: int = Field(1, ge=1, le=12, description="first month of the fiscal year (1 = January)")
    gross_margin: float | None = Field(None, ge=0, le=1, description="gross margin, 0..1, used by LTV and payback")
    channels: list[str] = Field(min_length=1, description="acquisition channels used in the funnel and spend tables")
    segments: list[str] | None = Field(None, description="revenue segments (plans or customer types); optional")
    targets: dict[str, Target] = Field(
        default_factory=dict,
        description="target per metric id: a number, or {value: 0.05, per: month, quarter or year}; a bare number "
        "is per year for rates (churn, NRR, GRR) and flows (new MRR, spend); points and ratios have no basis",
    )
    confidentiality: Confidentiality = Field(
        DEFAULT_CONFIDENTIALITY,
        description="line printed on the cover and footers, or one per language such as {en: ..., fr: ...} "
        "(default: Confidential; it and the line `init` writes are printed in the deck's language)",
    )
    history: int = Field(8, ge=2, le=24, description="periods shown in trend charts")
    status: StatusBands = Field(default_factory=StatusBands)
    workbook: str | None = Field(None, description="an .xlsx file with one sheet per table, instead of CSV files")
    ltv_method: Literal["margin", "arpu_churn", "annual_lifetime"] = Field(
        "margin", description="LTV formula: ARPU × margin ÷ churn, ARPU ÷ churn, or annual revenue × lifetime"
    )
    cac_lag_months: int = Field(0, ge=0, le=24, description="months between spend and the customers it wins")
    checks: CoherenceChecks = Field(default_factory=CoherenceChecks)
    health: HealthSettings = Field(default_factory=HealthSettings)
    findings: FindingsSettings = Field(
        default_factory=FindingsSettings, description="when a figure needs a next step, and the rules' thresholds"
    )
    benchmark_segment: str = Field("all", description="which segment's benchmarks apply: all, smb, mid_market, ...")
    benchmarks: str | None = Field(None, description="a YAML file of your own benchmarks, added to the shipped ones")
    rules: str | None = Field(None, description="a YAML file of your own next-step rules, added to the shipped ones")
    notes: str = Field("notes.md", description="your own notes per metric or section (markdown)")
    alerts: list[str] = Field(default_factory=list, description="metric ids `boardpack check` watches")
    brand: Brand = Field(default_factory=Brand)
    theme: str | None = Field(None, description="a theme folder (templates and style.css) used before the default")
    slides: list[str] | None = Field(
        None,
        description="slide ids in the order shown (listed in the docs); default: every slide the data allows",
    )
    data: str = Field("data", description="the folder of the data tables, relative to the pack")
    attach: Literal["none", "metrics", "tables", "all"] = Field(
        "tables",
        description="what the PDF carries: none, metrics (the JSON), tables (JSON and tables without "
        "customer-level rows), all",
    )
    raw: RawSettings = Field(default_factory=RawSettings, description="raw exports to compute tables from")
    forecast: ForecastSettings = Field(
        default_factory=ForecastSettings, description="the MRR forecast, pipeline coverage and the year's target"
    )
    fx: FxSettings = Field(default_factory=FxSettings, description="exchange rates for amounts in other currencies")
    _written_locale: str | None = PrivateAttr(None)

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        from babel.numbers import get_currency_name

        code = value.strip().upper()
        try:
            if len(code) != 3 or get_currency_name(code, locale="en") == code:
                raise ValueError
        except Exception:
            raise ValueError(f"'{value}' is not an ISO 4217 currency code; expected one such as EUR or USD") from None
        return code

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(value.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            raise ValueError(f"'{value}' is not a known locale; expected one such as fr_FR or en_US") from None
        return value.replace("-", "_")

    @field_validator("company")
    @classmethod
    def _visible_company(cls, value: str) -> str:
        _visible(value)
        return value

    @field_validator("channels", "segments")
    @classmethod
    def _unique(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        names = [str(v).strip() for v in value]
        seen: set[str] = set()
        for name in names:
            _visible(name)
            if not name:
                raise ValueError("a name is empty; expected non-empty names")
            if name.casefold() in seen:
                raise ValueError(f"'{name}' is listed twice; expected each name once")
            seen.add(name.casefold())
        return names

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(
                f"version {value} is newer than this boardpack reads; expected {SCHEMA_VERSION} or lower "
                "(or a newer boardpack)"
            )
        if value < 1:
            raise ValueError(f"version {value} does not exist; expected 1 to {SCHEMA_VERSION}")
        return value

    @model_validator(mode="after")
    def _year_target(self) -> PackConfig:
        """The year's target in `forecast:` is also the target of the year-end ARR tile, so one number judges both."""
        target = self.forecast.target
        if target is None:
            return self
        if "year_end_arr" in self.targets:
            raise ValueError(
                "targets.year_end_arr and forecast.target both set the year's target; expected one of the two"
            )
        object.__setattr__(self, "targets", {**self.targets, "year_end_arr": Target(value=target.arr_value)})
        return self

    @model_validator(mode="after")
    def _language_locale(self) -> PackConfig:
        """`locale` is the deck's number and date formats, which follow its language (`language_locale`): a French
        deck prints `8,8 %` though the pack wrote `locale: en_IE` (as `init` does) or none. The locale as written
        is kept apart: it alone says how the pack's cells read (`locale_hint`)."""
        self._written_locale = self.locale if "locale" in self.model_fields_set else None
        object.__setattr__(self, "locale", language_locale(self._written_locale, self.language))
        return self

    @property
    def written_locale(self) -> str | None:  # `locale:` as boardpack.yaml writes it, None when it writes none
        return self._written_locale

    @model_validator(mode="after")
    def _period(self) -> PackConfig:
        if self.period is not None:
            try:
                parse_period(self.period, self.fiscal_year_start)
            except PeriodError as exc:
                raise ValueError(f"period: {exc}") from None
        return self


def _visible(name: str) -> None:
    """A name is matched against table cells and printed on every slide: a zero-width space or a
    right-to-left override in it makes two names that look alike differ, or a title read backwards."""
    if found := INVISIBLE.search(name):
        raise ValueError(
            f"'{quoted(name)}' holds an invisible character ({shown(found)}); expected visible characters only"
        )


def locale_hint(config: PackConfig) -> Convention | None:
    """The decimal separator of `locale:` when boardpack.yaml writes one; the default en_US is no hint,
    since a pack that never chose a locale says nothing about how its numbers are written."""
    return locale_convention(config.written_locale) if config.written_locale else None


def _key_lines(node: yaml.Node, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    """Line of every mapping key, so a config message can say `boardpack.yaml:12:targets.nrr`.

    The walk follows aliases, which `read_yaml` has bounded in size and checked for cycles."""
    lines: dict[tuple[str, ...], int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = (*prefix, str(key_node.value))
            lines[path] = key_node.start_mark.line + 1
            lines.update(_key_lines(value_node, path))
    return lines


def _known_keys(loc: tuple[str, ...]) -> list[str]:
    """The keys allowed beside the last one of `loc`: the fields of the settings model it sits in."""
    model: type[BaseModel] = PackConfig
    for part in loc[:-1]:
        field = model.model_fields.get(part)
        if field is None:
            return []
        nested = [t for t in (field.annotation, *get_args(field.annotation)) if isinstance(t, type)]
        models = [t for t in nested if issubclass(t, BaseModel)]
        if not models:
            return []
        model = models[0]
    return list(model.model_fields)


def _problem(error: Any) -> tuple[str, dict[str, str]]:
    """The message template of a settings error and its values: an unknown key names its closest known one."""
    if error["type"] == "extra_forbidden":
        loc = tuple(str(p) for p in error["loc"])
        guess = closest(loc[-1], _known_keys(loc)) if loc else None
        if guess is not None:
            return N_("unknown key; did you mean `{suggestion}`?"), {"suggestion": guess}
    return _message(error), {}


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key; expected one of the keys in the settings reference (docs/filling-a-pack.md)"
    if kind == "missing":
        return "required key is missing"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _line_of(error: Any, lines: dict[tuple[str, ...], int]) -> int:
    key_path = tuple(str(p) for p in error["loc"])
    while key_path and key_path not in lines:
        key_path = key_path[:-1]
    return lines.get(key_path, 0)


def load_config(root: Path, report: ValidationReport) -> PackConfig | None:
    path = root / CONFIG_FILE
    if not path.is_file():
        report.add(CONFIG_FILE, None, None, N_("file not found; expected the pack's settings (run `boardpack init`)"))
        return None
    document = read_yaml(path, CONFIG_FILE, report, N_("a mapping of settings such as `company: ...`"))
    if document is None:
        return None
    lines = _key_lines(document.node) if document.node is not None else {}
    try:
        return PackConfig.model_validate(document.data)
    except ValidationError as exc:
        for error in sorted(exc.errors(), key=lambda e: _line_of(e, lines)):
            loc = tuple(str(p) for p in error["loc"])
            key_path = loc
            while key_path and key_path not in lines:
                key_path = key_path[:-1]
            template, values = _problem(error)
            report.add(CONFIG_FILE, lines.get(key_path), ".".join(loc) or None, template, **values)
        return None
