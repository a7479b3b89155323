"""Shared fixtures: a temporary store and a helper to run the CLI in-process."""
from __future__ import annotations

import pytest

from camket.cli import main


@pytest.fixture
def store_dir(tmp_path):
    return tmp_path / "store"


@pytest.fixture
def run_cli(capsys):
    """Run ``camket ARGS...`` in-process; returns (exit code, stdout, stderr)."""
    def run(*args: str):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err
    return run
