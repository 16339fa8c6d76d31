"""chart: requested-vs-promised bars from figure facts, one axis per unit, honest about missing units."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from studykit import chart
from studykit.check import check_project
from studykit.model import Fact

SVG = "{http://www.w3.org/2000/svg}"


def figure(fact_id: str, category: str | None = None, **data) -> Fact:
    """A figure fact as the loader makes it (per-side units filled in from 'unit')."""
    unit = data.get("unit")
    for side in ("requested", "promised"):
        if side in data:
            data.setdefault(f"{side}_unit", unit)
    fact = Fact(id=fact_id, kind="figure", topic="aid", statement="s", question="q", answer="a",
                quotes=["q"], source_id="src", path="facts.yaml", line=1, col=1, data=data)
    fact.category = category  # what it is comparable with: a capacity is not a delivery
    return fact


@pytest.fixture(scope="module")
def shipped_figures() -> list[Fact]:
    project = check_project(Path(__file__).resolve().parent.parent).project
    return [f for f in project.facts.values() if chart.charted(f)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def is_grey(colour: str) -> bool:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return len(digits) == 6 and digits[0:2] == digits[2:4] == digits[4:6]


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]


def test_every_charted_fact_is_one_row_and_no_axis_mixes_units(shipped_figures):
    drawn = chart.figure_chart(shipped_figures)
    rows = [row for panel in drawn.panels for row in panel.rows]
    assert sorted(row.fact_id for row in rows) == sorted(f.id for f in shipped_figures)
    facts = {f.id: f for f in shipped_figures}
    for panel in drawn.panels:
        for row in panel.rows:
            for bar in row.bars:
                assert facts[row.fact_id].data[f"{bar.side}_unit"] == panel.unit
                assert bar.label.endswith(f" {panel.unit}")
    assert len({(panel.unit, panel.category) for panel in drawn.panels}) == len(drawn.panels)


def test_bars_on_one_axis_are_proportional_to_the_facts_figures(shipped_figures):
    """Any two bars on one axis stand in the ratio of the figures the facts give (read from the
    facts' data, not from the chart), and the longest bar fits inside the axis."""
    facts = {f.id: f for f in shipped_figures}
    drawn = chart.figure_chart(shipped_figures)
    for panel in drawn.panels:
        bars = [(bar.width, facts[row.fact_id].data[bar.side]) for row in panel.rows for bar in row.bars]
        longest_width, longest_value = max(bars)
        for width, value in bars:
            assert math.isclose(width / longest_width, value / longest_value, rel_tol=1e-9)
        assert 0 < longest_width <= panel.ticks[-1].x - panel.ticks[0].x
        assert float(panel.ticks[-1].label.replace(",", "")) >= longest_value


def test_a_value_without_a_unit_gets_a_note_not_a_bar():
    coal = figure("coal", unit="tons", requested=400000, promised=200000, requested_unit=None)
    drawn = chart.figure_chart([coal])
    (row,) = drawn.panels[0].rows
    assert [bar.side for bar in row.bars] == ["promised"]
    (note,) = row.notes
    assert (note.side, note.value, note.unit) == ("requested", "400,000", None)
    svg_text = " ".join(texts(parse(chart.chart_svg(drawn))))
    assert "Requested: 400,000, no unit given in the source (no bar)" in svg_text


def test_a_side_the_source_does_not_give_is_said_so():
    only_promised = figure("tools", unit="pieces", promised=100)
    (row,) = chart.figure_chart([only_promised]).panels[0].rows
    assert [bar.side for bar in row.bars] == ["promised"]
    assert [(n.side, n.value) for n in row.notes] == [("requested", "")]


def test_different_units_get_separate_panels_in_first_seen_order():
    facts = [figure("a", unit="tons", requested=10, promised=5),
             figure("b", unit="people", requested=400, promised=400),
             figure("c", unit="tons", promised=7)]
    drawn = chart.figure_chart(facts)
    assert [p.unit for p in drawn.panels] == ["tons", "people"]
    assert [[r.fact_id for r in p.rows] for p in drawn.panels] == [["a", "c"], ["b"]]
    # panels do not overlap and the chart is tall enough for all of them
    for upper, lower in zip(drawn.panels, drawn.panels[1:]):
        assert upper.y + upper.height <= lower.y
    assert drawn.panels[-1].y + drawn.panels[-1].height <= drawn.height


def test_no_chart_without_requested_or_promised_figures():
    assert chart.figure_chart([figure("total", unit="million USD", value=800)]) is None
    assert chart.figure_chart([]) is None


@pytest.mark.parametrize("maximum", [1, 7, 75, 100, 400, 950, 75000, 200000, 2_000_000, 0.3])
def test_the_axis_is_round_and_holds_the_largest_value(maximum):
    step, top = chart.nice_scale(maximum)
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5))
    assert maximum <= top < maximum + step + 1e-9
    assert 2 <= round(top / step) <= 8


def test_labels_wrap_at_spaces_within_the_width():
    label = "Korean professionals and students accepted for study and learning on the job"
    lines = chart.wrap(label, 20)
    assert " ".join(lines) == label
    assert all(len(line) <= 20 for line in lines)


def test_svg_shows_every_bar_with_its_value_and_unit_in_black_and_white(shipped_figures):
    drawn = chart.figure_chart(shipped_figures)
    root = parse(chart.chart_svg(drawn))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("stroke") == "#000" and r.get("y") != "6"]
    fills = [r.get("fill") for r in bars]
    sides = [bar.side for panel in drawn.panels for row in panel.rows for bar in row.bars]
    assert len(bars) == drawn.bar_count == len(sides)
    assert fills.count("#222") + fills.count("#888") == sides.count("promised")
    assert fills.count("url(#hatch)") == sides.count("requested")
    colours = {r.get("fill") for r in root.iter(f"{SVG}rect")} | \
              {e.get("stroke") for e in root.iter() if e.get("stroke")}
    for colour in colours - {"none", "url(#hatch)"}:
        assert is_grey(colour), f"{colour} is not black, white or a grey"
    labels = texts(root)
    for panel in drawn.panels:
        for row in panel.rows:
            for bar in row.bars:
                assert bar.label in labels


def test_blank_chart_is_an_exercise_without_bars_or_values(shipped_figures):
    drawn = chart.figure_chart(shipped_figures)
    root = parse(chart.chart_svg(drawn, blank=True))
    labels = " ".join(texts(root))
    for panel in drawn.panels:
        for row in panel.rows:
            for bar in row.bars:
                assert bar.label not in labels
    assert not [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#222" and r.get("y") != "6"]
    slots = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "slot"]
    assert len(slots) == drawn.bar_count
    assert all(line in labels for p in drawn.panels for r in p.rows for line in r.label_lines)


def test_item_names_are_escaped_and_patterns_can_be_made_unique():
    tricky = figure("x", unit="kg & more", requested=5, promised=3, item='<b>rice</b> & "beans"')
    svg = str(chart.chart_svg(chart.figure_chart([tricky]), pattern_id="hatch-7"))
    assert "<b>" not in svg
    root = parse(svg)
    assert '<b>rice</b> & "beans"' in texts(root)
    assert root.find(f"{SVG}defs/{SVG}pattern").get("id") == "hatch-7"
    assert "5 kg & more" in texts(root)


def test_a_yearly_capacity_never_shares_an_axis_with_deliveries():
    facts = [figure("grain", category="delivery", unit="tons", requested=200000, promised=75000),
             figure("refinery", category="capacity", unit="tons", requested=2000000, promised=2000000),
             figure("coal", category="delivery", unit="tons", promised=200000)]
    drawn = chart.figure_chart(facts)
    assert [(p.unit, p.category, [r.fact_id for r in p.rows]) for p in drawn.panels] == [
        ("tons", "delivery", ["grain", "coal"]), ("tons", "capacity", ["refinery"])]
    grain = drawn.panels[0].rows[0].bars[0]  # its own scale: 200,000 on an axis to 200,000
    assert drawn.panels[0].ticks[-1].label == "200,000"
    assert math.isclose(grain.width, chart.BAR_RIGHT - chart.BAR_LEFT)
    titles = texts(parse(chart.chart_svg(drawn)))
    assert "In tons (delivery)" in titles and "In tons (capacity)" in titles


def test_an_approximate_figure_is_labelled_and_drawn_as_approximate():
    tools = figure("tools", unit="pieces", promised=100, approximate=True)
    drawn = chart.figure_chart([tools])
    (bar,) = drawn.panels[0].rows[0].bars
    assert bar.label == "about 100 pieces" and bar.approximate
    root = parse(chart.chart_svg(drawn))
    (rect,) = [r for r in root.iter(f"{SVG}rect") if "bar" in (r.get("class") or "").split()]
    assert "approximate" in rect.get("class") and rect.get("stroke-dasharray")
    assert "about 100 pieces" in texts(root)
    german = chart.figure_chart([tools], {"about": "etwa"})
    assert german.panels[0].rows[0].bars[0].label == "etwa 100 pieces"


def test_value_labels_sit_on_a_white_halo_over_the_gridlines(shipped_figures):
    root = parse(chart.chart_svg(chart.figure_chart(shipped_figures)))
    for panel in root.iter(f"{SVG}g"):
        children = list(panel)
        for before, label in zip(children, children[1:]):
            if label.tag == f"{SVG}text" and before.get("class") == "halo":
                x, y = float(label.get("x")), float(label.get("y"))
                left, top = float(before.get("x")), float(before.get("y"))
                assert before.get("fill") == "#fff"
                assert left <= x and top <= y <= top + float(before.get("height")) + 1
                width = len("".join(label.itertext())) * float(label.get("font-size")) * 0.55
                assert left + float(before.get("width")) >= x + width
    halos = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "halo"]
    drawn = chart.figure_chart(shipped_figures)
    assert len(halos) >= drawn.bar_count



def test_a_unit_written_as_a_sign_is_labelled_as_documents_print_it():
    loan = figure("loan", unit="£", requested=700000, promised=450000)
    share = figure("share", unit="%", requested=80, promised=60)
    drawn = chart.figure_chart([loan, share])
    labels = [bar.label for panel in drawn.panels for row in panel.rows for bar in row.bars]
    assert labels == ["£700,000", "£450,000", "80%", "60%"]
    assert {"£700,000", "60%"} <= set(texts(parse(chart.chart_svg(drawn))))


def test_a_side_in_another_unit_written_as_a_sign_is_noted_as_documents_print_it():
    # requested in pounds sterling, promised in tons: the bar is drawn in tons, the request noted
    deal = figure("deal", unit="£", requested=700, promised=450, promised_unit="tons")
    drawn = chart.figure_chart([deal])
    [note] = drawn.panels[0].rows[0].notes
    assert (note.side, note.shown) == ("requested", "£700")
    shown = texts(parse(chart.chart_svg(drawn)))
    assert any("£700 (another unit, no bar)" in t for t in shown), shown
    assert not any("700 £" in t for t in shown)
