"""The README's notebook example runs as it is written."""

import os
import re

import pytest

from conftest import EXAMPLES, ROOT

MARK = "<!-- python-example"


def example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index(MARK):]
    return re.search(r"```python\n(.*?)```", after, re.S).group(1)


def test_the_notebook_example_runs(tmp_path, monkeypatch, capsys):
    pytest.importorskip("pandas")
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    (tmp_path / "examples").mkdir()
    os.symlink(EXAMPLES, tmp_path / "examples" / "articles")
    monkeypatch.chdir(tmp_path)
    exec(compile(example(), "README.md", "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out
    assert "global-wire/ceasefire" in printed and "crisis.hope" in printed
    chart = tmp_path / "crisis_frames.png"
    assert chart.stat().st_size > 1000
    if os.environ.get("FRAMESCOPE_KEEP_CHART"):
        chart.replace(os.environ["FRAMESCOPE_KEEP_CHART"])
