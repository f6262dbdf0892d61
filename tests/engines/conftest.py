"""Real engines for the raw-export tests: a PostgreSQL server and a local Spark catalog.

`.ci/run` starts PostgreSQL itself (BOARDPACK_TEST_POSTGRES=host:port, BOARDPACK_TEST_PG_PASSWORD)
and sets BOARDPACK_REQUIRE_ENGINES=1, so a missing engine fails there. Elsewhere the fixture starts
its own server when Debian's postgresql package is installed, and the tests are skipped when it is
not; the Spark tests are marked `spark` (`pytest -m "not spark"` leaves them out: they need Java
and take about a minute).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXPORTS = ROOT / "sample_data" / "northwind-raw" / "exports"
SAMPLE_TABLES = {
    "subscriptions": EXPORTS / "subscriptions.csv",
    "contacts": EXPORTS / "contacts.csv.gz",
    "deals": EXPORTS / "deals.csv",
}


def missing(what: str) -> None:
    if os.environ.get("BOARDPACK_REQUIRE_ENGINES"):
        pytest.fail(f"{what} is required here (BOARDPACK_REQUIRE_ENGINES is set)")
    pytest.skip(f"{what} is not installed")


@dataclass(frozen=True)
class Postgres:
    host: str
    port: int
    password: str

    def url(self, database: str, password: str = "${BOARDPACK_TEST_PG_PASSWORD}") -> str:
        return f"postgresql://boardpack:{password}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A fresh database, with the sample company's raw exports loaded as typed tables; its URL (secret inline)."""
        import psycopg

        with psycopg.connect(self.url("postgres", self.password), autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}"')
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url(name, self.password)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    if address := os.environ.get("BOARDPACK_TEST_POSTGRES"):
        host, _, port = address.partition(":")
        yield Postgres(host, int(port), os.environ["BOARDPACK_TEST_PG_PASSWORD"])
        return
    if not (list(Path("/usr/lib/postgresql").glob("*/bin/initdb")) or shutil.which("initdb")):
        missing("PostgreSQL (Debian package postgresql)")
    folder = tempfile.mkdtemp(prefix="boardpack-pg-")  # not under pytest's 0700 folder: the server user reads it
    os.chmod(folder, 0o755)
    password, port = secrets.token_urlsafe(12), _free_port()
    env = {**os.environ, "BOARDPACK_TEST_PG_PASSWORD": password}
    script = str(ROOT / "scripts" / "postgres.sh")
    subprocess.run(["sh", script, "start", folder, str(port)], check=True, env=env)
    os.environ["BOARDPACK_TEST_PG_PASSWORD"] = password
    try:
        yield Postgres("127.0.0.1", port, password)
    finally:
        subprocess.run(["sh", script, "stop", folder], check=False)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def northwind_postgres(postgres: Postgres) -> str:
    """The sample's exports loaded into the database `northwind`; the database's name."""
    url = postgres.create_database("northwind")
    load("postgres", url, SAMPLE_TABLES)
    return "northwind"


def load(engine: str, target: str, tables: dict[str, Path]) -> None:
    items = [f"{name}={path}" for name, path in tables.items()]
    subprocess.run([sys.executable, str(ROOT / "scripts" / "load_exports.py"), engine, target, *items], check=True)


@pytest.fixture(scope="session")
def spark_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local Spark catalog (Hive metastore on Derby) holding the sample's exports as tables."""
    if not shutil.which("java"):
        missing("Java (Debian package openjdk-17-jre-headless)")
    folder = tmp_path_factory.mktemp("lake")
    load("spark", str(folder), SAMPLE_TABLES)
    return folder


def engine_pack(folder: Path, raw: str) -> Path:
    """The sample company's raw-export pack with its `raw:` block replaced (data and logo from the sample)."""
    text = (ROOT / "sample_data" / "northwind-raw" / "boardpack.yaml").read_text(encoding="utf-8")
    head = text[: text.index("raw:\n")]
    head = head.replace("data: ../northwind/data", f"data: {ROOT / 'sample_data' / 'northwind' / 'data'}")
    billing = (
        "    as_of: 2026-09-30\n    segments: {Starter: SMB, Team: SMB, Business: Mid-market, Enterprise: Enterprise}\n"
    )
    crm = (
        "    channels: {Email marketing: Email, Offline sources: Events, Referrals: Partners, "
        "Other campaigns: Outbound}\n"
    )
    deals = "    columns: {lost_stage: Lost At Stage}\n    sources: {Partners: other}\n"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "sample_data" / "northwind-raw" / "logo.svg", folder / "logo.svg")  # inside the pack
    (folder / "boardpack.yaml").write_text(
        head + raw.replace("{billing}", billing).replace("{crm}", crm).replace("{deals}", deals), encoding="utf-8"
    )
    return folder
