"""README promises about exports that had no test of their own (issue 15, item 1).

Numeric tolerance in Moodle XML: `--tolerance` percent of the answer (default 0: exact), but at
least 10% when the answer itself says "about".  Expected tolerances are worked out by hand from
the report's figures: an ammonia facility of 50,000 tons; "about 100" pieces of machining equipment.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cli_helpers import run_in_process, studykit


def _numeric(repo, tmp_path, *options: str) -> dict[str, float]:
    """answer -> tolerance of every numerical question in the Moodle XML file `studykit export` writes."""
    shown = run_in_process("export", "moodle-xml", "-p", str(repo), "--out", str(tmp_path), "-q", *options)
    assert shown.returncode == 0, shown.stderr
    [written] = tmp_path.glob("*.moodle.xml")
    quiz = ET.parse(written).getroot()
    found = {}
    for question in quiz.findall("question[@type='numerical']"):
        answer = question.find("answer")
        found[answer.find("text").text] = float(answer.find("tolerance").text)
    return found


@pytest.mark.parametrize("tolerance, ammonia, hedged", [
    (None, 0.0, 10.0),     # exact by default; 'about 100' still takes 10% of 100
    (5, 2500.0, 10.0),     # 5% of 50,000; the hedge keeps its 10%
    (20, 10000.0, 20.0),   # 20% of 50,000 and of 100: more than the hedge's 10%
])
def test_moodle_numeric_tolerance_follows_the_option_and_the_hedge(repo, tmp_path, tolerance, ammonia, hedged):
    options = [] if tolerance is None else ["--tolerance", str(tolerance)]
    found = _numeric(repo, tmp_path, *options)
    assert found["50000"] == pytest.approx(ammonia)
    assert found["100"] == pytest.approx(hedged)


def test_an_unknown_export_format_exits_2_naming_the_formats(repo, tmp_path):
    shown = studykit("export", "moodle", "-p", str(repo), "--out", str(tmp_path))
    assert shown.returncode == 2
    assert "gift" in shown.stderr and "moodle-xml" in shown.stderr
    assert "Traceback" not in shown.stderr and list(tmp_path.iterdir()) == []
