"""A connection line names the engine and the database, never a secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardpack.api import load_pack
from boardpack.inputs import PackInvalid
from boardpack.inputs.raw.connection import Connection, MissingVariable


def test_label_keeps_the_variable_and_resolved_quotes_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DB_PASSWORD", "p@ss/word")
    line = Connection("postgresql://boardpack:${DB_PASSWORD}@db.internal:5432/billing")
    assert line.label == "postgresql://boardpack:${DB_PASSWORD}@db.internal:5432/billing"
    assert line.resolved() == "postgresql://boardpack:p%40ss%2Fword@db.internal:5432/billing"
    assert line.engine == "PostgreSQL" and not line.literal_password()
    message = 'connection to "db.internal" failed for p@ss/word (p%40ss%2Fword)'
    assert line.scrub(message) == 'connection to "db.internal" failed for *** (***)'


def test_a_whole_url_may_come_from_one_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILLING_DATABASE_URL", "postgresql://ci:s3cr%40t@db:5432/billing")
    monkeypatch.setenv("DB_HOST", "db.internal:5432")
    assert Connection("${BILLING_DATABASE_URL}").resolved() == "postgresql://ci:s3cr%40t@db:5432/billing"
    assert Connection("${BILLING_DATABASE_URL}").label == "${BILLING_DATABASE_URL}"
    assert Connection("${BILLING_DATABASE_URL}").engine == "PostgreSQL"
    assert Connection("postgresql://ci@${DB_HOST}/billing").resolved() == "postgresql://ci@db.internal:5432/billing"


def test_literal_password_is_masked_and_unset_variable_named(monkeypatch: pytest.MonkeyPatch) -> None:
    written = Connection("postgresql://boardpack:hunter2@db/billing")
    assert written.literal_password() and written.label == "postgresql://boardpack:***@db/billing"
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    with pytest.raises(MissingVariable, match="environment variable NOT_SET_ANYWHERE is not set"):
        Connection("postgresql://u:${NOT_SET_ANYWHERE}@db/x").resolved()
    assert Connection("spark").engine == "Spark" and Connection("sc://spark:15002").engine == "Spark Connect"


def _pack(tmp_path: Path, raw: str) -> Path:
    (tmp_path / "boardpack.yaml").write_text(f"company: Raw Ltd\nraw:\n{raw}", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "  connection: postgresql://boardpack:hunter2@db/billing\n  billing:\n    table: subscriptions\n",
            "boardpack.yaml:2:raw: raw.connection holds a password; expected it in an environment variable, "
            "written as ${NAME} (or read by the driver itself, such as PGPASSWORD)",
        ),
        (
            "  billing:\n    table: subscriptions\n",
            "boardpack.yaml:2:raw: raw.billing.table needs raw.connection; expected the database's connection line",
        ),
        (
            "  billing:\n    table: subscriptions\n    file: exports/ledger.csv\n",
            "boardpack.yaml:3:raw.billing: expected either `file:` (an export in the pack) or `table:` "
            "(in raw.connection)",
        ),
    ],
)
def test_connection_settings_checked_before_connecting(tmp_path: Path, raw: str, expected: str) -> None:
    with pytest.raises(PackInvalid) as error:
        load_pack(_pack(tmp_path, raw))
    lines = error.value.report.lines()
    assert expected in lines, lines
    assert all("hunter2" not in line for line in lines)
