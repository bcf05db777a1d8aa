"""Shared helpers: write small entry trees in a temporary folder and run the core on them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"

APPROACH_BODY = "\n## What it is\nA.\n\n## When to use it\nB.\n\n## How to use it\nC.\n\n## Watch out for\nD.\n"


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path):
    """A copy of the valid fixture tree that a test may break."""
    import shutil

    shutil.copytree(VALID, tmp_path / "kb")
    return tmp_path / "kb"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real repository built once per test session (strict), for tests that read the output."""
    import subprocess
    import sys

    site = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=REPO, capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-3000:]
    return site
