"""The preview server answers only its own loopback names, and says what the page may run and fetch."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator

import pytest

from boardpack.preview import Preview


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    import shutil

    from tests.conftest import TINY

    pack = tmp_path_factory.mktemp("preview") / "pack"
    shutil.copytree(TINY, pack)
    preview = Preview(pack, port=_free_port(), interval=60)
    preview.start()
    yield preview
    preview.stop()


def _get(server: Preview, host: str, path: str = "/") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.server.server_address[1], timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    return connection.getresponse()


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]", "LOCALHOST"])
def test_loopback_names_get_the_deck_with_its_policy(server: Preview, name: str) -> None:
    response = _get(server, f"{name}:{server.server.server_address[1]}")
    body = response.read().decode()
    assert response.status == 200 and "Tiny Test Ltd" in body
    policy = response.getheader("Content-Security-Policy")
    nonce = body.split('<script nonce="', 1)[1].split('"', 1)[0]
    assert policy == (
        "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; "
        f"script-src 'nonce-{nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    assert 'http-equiv="Content-Security-Policy"' not in body  # the header alone rules the served page


@pytest.mark.parametrize(
    "host", ["evil.com", "evil.com:{port}", "127.0.0.1.evil.com:{port}", "127.0.0.1:1", "localhost", ""]
)
@pytest.mark.parametrize("path", ["/", "/__version"])
def test_any_other_host_gets_403_and_nothing_of_the_deck(server: Preview, host: str, path: str) -> None:
    response = _get(server, host.format(port=server.server.server_address[1]), path)
    body = response.read().decode()
    assert response.status == 403
    assert "Tiny Test Ltd" not in body and "<section" not in body
