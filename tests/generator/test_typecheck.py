"""mypy --strict accepts the generated package as it is committed."""

from mypy import api

from tests.conftest import PACKAGE_DIR


def test_generated_package_passes_mypy_strict() -> None:
    stdout, stderr, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir=/dev/null", str(PACKAGE_DIR / "ebay_post_order")]
    )
    assert status == 0, stdout + stderr
