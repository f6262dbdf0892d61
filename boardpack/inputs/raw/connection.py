"""Where raw exports live when they are not files: a connection line in boardpack.yaml.

The pack names the engine and the database, never a secret: a password is either read by the
driver itself (PGPASSWORD, a .pgpass file, a Kerberos ticket) or written as `${NAME}` and taken from
the environment when the connection opens. Every message about a connection uses `label`, which
is built from the line as written (so it holds `${NAME}`, not the value), and `scrub` removes any
value taken from the environment from a driver's own error text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
ENGINE_NAMES = {
    "postgres": "PostgreSQL",
    "postgresql": "PostgreSQL",
    "spark": "Spark",
    "sc": "Spark Connect",
    "duckdb": "DuckDB",
    "bigquery": "BigQuery",
    "snowflake": "Snowflake",
    "trino": "Trino",
    "mysql": "MySQL",
    "mssql": "SQL Server",
    "clickhouse": "ClickHouse",
    "databricks": "Databricks",
}


class MissingVariable(ValueError):
    """A `${NAME}` in the connection line names an environment variable that is not set."""


@dataclass(frozen=True)
class Connection:
    """A connection line as written in the pack: `postgresql://user@host/db`, `spark`, `sc://host:15002`."""

    line: str

    @property
    def scheme(self) -> str:
        line = self.line.strip()
        if whole := VARIABLE.fullmatch(line):  # the whole line from the environment: its scheme is no secret
            line = os.environ.get(whole.group(1), line)
        if "://" not in line:
            return line.lower()
        return line.split("://", 1)[0].lower().split("+", 1)[0]

    @property
    def engine(self) -> str:
        """The engine's name for people: PostgreSQL, Spark, ..."""
        return ENGINE_NAMES.get(self.scheme, self.scheme)

    @property
    def label(self) -> str:
        """The line without any password, for messages and the deck."""
        if "://" not in self.line:
            return self.line
        parts = urlsplit(self.line)
        if parts.password is None or VARIABLE.fullmatch(parts.password):
            return self.line  # `${NAME}` names the variable, never its value
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return parts._replace(netloc=netloc).geturl()

    def literal_password(self) -> bool:
        """True when the line holds a password itself rather than a `${NAME}` taken from the environment."""
        if "://" not in self.line:
            return False
        password = urlsplit(self.line).password
        return bool(password) and not VARIABLE.fullmatch(password or "")

    def secrets(self) -> list[str]:
        """The values the line takes from the environment, as set and as quoted in the URL (never to be shown)."""
        values = [os.environ[name] for name in VARIABLE.findall(self.line) if os.environ.get(name)]
        return sorted({form for value in values for form in (value, quote(value, safe=""))}, key=len, reverse=True)

    def resolved(self) -> str:
        """The line with each `${NAME}` replaced by its environment value; only ever given to the driver.

        Values in the user and password part are URL-quoted (a password with @ or / stays one part);
        elsewhere they go in as they are, so a whole URL may come from one variable.
        """

        def value(match: re.Match[str], quoted: bool) -> str:
            name = match.group(1)
            if name not in os.environ:
                raise MissingVariable(f"environment variable {name} is not set; expected it to hold a credential")
            return quote(os.environ[name], safe="") if quoted else os.environ[name]

        scheme, separator, rest = self.line.partition("://")
        userinfo, at, place = rest.rpartition("@") if separator else ("", "", "")
        if not at:
            return VARIABLE.sub(lambda m: value(m, False), self.line)
        userinfo = VARIABLE.sub(lambda m: value(m, True), userinfo)
        return f"{scheme}://{userinfo}@{VARIABLE.sub(lambda m: value(m, False), place)}"

    def scrub(self, text: str) -> str:
        """A driver's message with any credential taken from the environment replaced by ***."""
        for secret in self.secrets():
            text = text.replace(secret, "***")
        return text
