"""Every Python example in README.md runs, in order, against a live emulator.

The examples are written for production, so before running each one this test swaps the
placeholders a reader would fill in (tokens, app credentials, the emulator's default address)
for the emulator's, and points eBay's production and sandbox hosts at the emulator. Nothing
else about an example is changed: if it stops working against the API, this test fails.
"""

import base64
import re
from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from ebay_post_order import PostOrder, _checks

from emulator.background import running
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()
EXAMPLES = re.findall(r"```python\n(.*?)```", README, flags=re.S)
PLACEHOLDERS = {
    '"v^1.1#r..."': '"emu-seller-refresh"',
    '"v^1.1#..."': '"emu-seller-token"',
    '"AgAAAA..."': '"emu-seller-token"',
    'client_id="..."': 'client_id="emulator-app"',
    'client_secret="..."': 'client_secret="emulator-secret"',
}


def signing_material() -> dict[str, Any]:
    der = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return {"private_key": base64.b64encode(der).decode(), "jwe": "eyJ.from.key.management"}


@pytest.fixture(scope="module")
def emulator(monkeypatch_module: pytest.MonkeyPatch) -> Iterator[str]:
    with running() as url:
        monkeypatch_module.setattr(_checks, "ENVIRONMENTS", {"production": url, "sandbox": url})
        yield url


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def namespace(monkeypatch_module: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """One namespace for all examples, as a reader's session; every client made in it is closed at the end."""
    made: list[PostOrder] = []
    original = PostOrder.__init__

    def tracking_init(self: PostOrder, **options: Any) -> None:
        original(self, **options)
        made.append(self)

    monkeypatch_module.setattr(PostOrder, "__init__", tracking_init)
    material = signing_material()
    monkeypatch_module.setenv("EBAY_SIGNING_PRIVATE_KEY", material["private_key"])
    monkeypatch_module.setenv("EBAY_SIGNING_JWE", material["jwe"])
    yield {"__name__": "readme"}
    for client in made:
        client.close()


def test_the_readme_has_examples_for_every_feature() -> None:
    assert len(EXAMPLES) >= 9
    for heading in ("Quick start", "Auth", "Marketplace", "Async", "Pagination", "Errors", "Digital signatures"):
        assert f"## {heading}" in README


def prepared(index: int, emulator: str) -> Any:
    """README example ``index``, compiled with the placeholders filled in for the emulator."""
    code = EXAMPLES[index]
    for placeholder, value in PLACEHOLDERS.items():
        code = code.replace(placeholder, value)
    code = code.replace("http://127.0.0.1:8765", emulator)
    return compile(code, f"README.md example {index + 1}", "exec")


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=lambda i: f"example-{i + 1}")
def test_example_runs(index: int, emulator: str, namespace: dict[str, Any]) -> None:
    exec(prepared(index, emulator), namespace)


def test_the_quick_start_prints_what_it_claims(
    emulator: str, namespace: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    exec(prepared(0, emulator), dict(namespace))
    printed = capsys.readouterr().out.splitlines()
    assert printed and all(line.split()[0].startswith("50000") for line in printed)


def test_readme_overlay_example_is_a_valid_overlay() -> None:
    import yaml

    from generator.overlay import apply_overlay

    block = re.search(r"```yaml\n(overlay: 1\.0\.0.*?)```", README, flags=re.S)
    assert block is not None
    document = {"paths": {"/x": {"get": {"parameters": [{"name": "limit", "schema": {"type": "string"}}]}}}}
    apply_overlay(document, yaml.safe_load(block.group(1)), "README.md")
    assert document["paths"]["/x"]["get"]["parameters"][0]["schema"] == {"type": "integer", "format": "int32"}


def test_no_example_is_left_unexecuted() -> None:
    assert README.count("```python") == len(EXAMPLES)  # an unclosed block would be skipped silently
