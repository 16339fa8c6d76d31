"""Each export format, written from small hand-made quiz items and read back as its importer would.

Fast (no project, no build): these are the tests the mutation run of the export writers uses
(benchmarks/mutation.py export).  Expected texts are written out by hand from each format's
rules: GIFT escapes ``~ = # { } :`` and the backslash with a backslash and reads ``[html]``
parts as HTML; Moodle XML and QTI are XML whose HTML parts are HTML-escaped text; a Moodle
cloze blank escapes ``} # ~ / "`` and the backslash.
"""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from markdown_it import MarkdownIt

from studykit.export import gift, markdown, moodle_xml, qti, quizlet
from studykit.export.common import (Answer, Blank, QuizItem, accepted_forms, is_short, numeric_answer,
                                    plain_number)
from studykit.model import Fact
from studykit.questions import Question

CATEGORY = "$course$/Harbour news/The pier"


def item(kind: str, name: str = "q/1", **fields) -> QuizItem:
    return QuizItem(kind=kind, name=name, category=fields.pop("category", CATEGORY),
                    text=fields.pop("text", "Question?"), **fields)


# --- GIFT -------------------------------------------------------------------------------------

def test_a_gift_file_has_its_title_a_category_per_topic_and_each_question_with_its_labels():
    items = [item("truefalse", "tf/pier", text="The pier opened in May: true?", truth=True,
                  feedback="Quote: it opened", idnumber="tf/pier", tags=["studykit", "topic [pier]"]),
             item("truefalse", "tf/ships", text="Ships {left} #1?", truth=False),
             item("truefalse", "tf/grain", text="Grain ~ came?", truth=True, category="$course$/Other")]
    assert gift.write(items, "Harbour   news\n") == (
        "// Harbour news\n"
        "// Written by studykit: edit the facts, not this file.\n"
        "\n"
        "$CATEGORY: $course$/Harbour news/The pier\n"
        "\n"
        "// [id:tf/pier] [tag:studykit] [tag:topic (pier)]\n"
        "::tf/pier::[html]The pier opened in May\\: true? {TRUE####Quote\\: it opened}\n"
        "\n"
        "// \n"
        "::tf/ships::[html]Ships \\{left\\} \\#1? {FALSE}\n"
        "\n"
        "$CATEGORY: $course$/Other\n"
        "\n"
        "// \n"
        "::tf/grain::[html]Grain \\~ came? {TRUE}\n"
    )


def _question_line(question: QuizItem) -> str:
    [line] = [line for line in gift.write([question], "T").splitlines() if line.startswith("::")]
    return line


def test_gift_multiple_choice_marks_the_right_answer_and_escapes_html_and_gift_marks():
    question = item("multichoice", "mc/1", text="Which <b>one</b>?", feedback="Because & so",
                    answers=[Answer("A & B", True), Answer("C ~ D", False), Answer("=E", False)])
    assert _question_line(question) == \
        "::mc/1::[html]Which &lt;b&gt;one&lt;/b&gt;? {=A &amp; B ~C \\~ D ~\\=E ####Because &amp; so}"


def test_gift_numeric_answers_carry_the_number_and_its_tolerance():
    question = item("numerical", "n/1", text="How many tons? (Answer with a number; unit: tons.)",
                    number="75000", tolerance="7500", feedback="From the letter")
    assert _question_line(question) == \
        "::n/1::[html]How many tons? (Answer with a number; unit\\: tons.) {#75000:7500####From the letter}"


def test_gift_matching_pairs_keep_an_html_left_side_and_a_plain_right_side():
    question = item("matching", "m/1", text="Match them.",
                    pairs=[("a -> <b>", "x: y"), ("Left", "Right"), ("L3", "R3")])
    assert _question_line(question) == \
        "::m/1::[html]Match them. {=a -&gt; &lt;b&gt; -> x\\: y =Left -> Right =L3 -> R3 }"


def test_gift_short_answers_escape_the_wildcard_and_write_an_arrow_two_ways():
    question = item("shortanswer", "s/1", text="What?", feedback="See: the letter",
                    answers=[Answer("A -> B"), Answer("2*3"), Answer("plain")])
    assert _question_line(question) == \
        "::s/1::[html]What? {=A \u2192 B =A *> B =2\\\\*3 =plain ####See\\: the letter}"
    assert gift.arrow_answers([question, item("shortanswer", answers=[Answer("no arrow")]),
                               item("essay", graderinfo="A -> B")]) == 1


def test_a_gift_blank_sits_between_its_text_with_the_spaces_around_it_kept():
    middle = item("shortanswer", "f/c1", before="Fill in the blank. The pier opened in ",
                  after=" May: late.", answers=[Answer("1,000")])
    assert _question_line(middle) == "::f/c1::[html]Fill in the blank. The pier opened in {=1,000 } May\\: late."
    at_end = item("shortanswer", "f/c2", before="The pier opened in", after="", answers=[Answer("May")])
    assert _question_line(at_end) == "::f/c2::[html]The pier opened in{=May }"
    at_start = item("shortanswer", "f/c3", before="", after=" opened the pier.", answers=[Answer("Kim")])
    assert _question_line(at_start) == "::f/c3::[html]{=Kim } opened the pier."
    spaced = item("shortanswer", "f/c4", before=" ", after="  ", answers=[Answer("x")])
    assert _question_line(spaced) == "::f/c4::[html] {=x }"


def test_a_gift_essay_puts_grader_notes_but_not_the_quote_into_its_feedback():
    question = item("essay", "e/1", text="Explain.", feedback="Source: A <letter>",
                    graderinfo="Model answer: x\nQuote: \u201cq\u201d\n\nMarking points: (1) a")
    assert _question_line(question) == \
        "::e/1::[html]Explain. {####Model answer\\: x<br>Marking points\\: (1) a Source\\: A &lt;letter&gt;}"


def test_gift_refuses_a_question_type_it_cannot_hold():
    with pytest.raises(ValueError, match="cloze"):
        gift.write([item("cloze", parts=["a", Blank(["b"])])], "T")


# --- Moodle XML -------------------------------------------------------------------------------

def moodle_quiz(items: list[QuizItem], title: str = "Deck") -> ET.Element:
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    return ET.fromstring(moodle_xml.write(items, title).encode("utf-8"), parser=parser)


def children(element: ET.Element) -> dict[str, str]:
    """tag -> text of an element's simple children (settings like <single>true</single>)."""
    return {child.tag: (child.text or "") for child in element if len(child) == 0}


def text_of(element: ET.Element) -> str:
    return element.find("text").text or ""


def test_a_title_with_double_hyphens_still_gives_well_formed_moodle_xml():
    quiz = moodle_quiz([item("truefalse", truth=True)], "Grain -- and -- coal--")
    comment = quiz[0]
    assert comment.tag is ET.Comment
    assert "--" not in comment.text
    assert comment.text.split() == \
        "Grain - - and - - coal- : written by studykit; edit the facts, not this file".split()


def test_moodle_questions_carry_their_category_name_grade_id_number_and_tags():
    items = [item("truefalse", "tf/1", truth=True, points=2, idnumber="tf/1", tags=["studykit", "rev-1a"],
                  category="$course$/A//B/C"),
             item("truefalse", "tf/2", truth=False)]
    quiz = moodle_quiz(items)
    assert quiz.tag == "quiz"
    questions = quiz.findall("question")
    assert [q.get("type") for q in questions] == ["category", "truefalse", "category", "truefalse"]
    assert text_of(questions[0].find("category")) == "$course$/A//B/C"
    assert text_of(questions[2].find("category")) == CATEGORY
    first, second = questions[1], questions[3]
    assert text_of(first.find("name")) == "tf/1" and first.find("name").get("format") is None
    settings = children(first)
    assert (settings["defaultgrade"], settings["hidden"], settings["idnumber"]) == ("2", "0", "tf/1")
    assert float(settings["penalty"]) == pytest.approx(1 / 3, abs=1e-6)
    assert [text_of(t) for t in first.findall("tags/tag")] == ["studykit", "rev-1a"]
    assert "idnumber" not in children(second) and second.find("tags") is None


def test_moodle_true_false_gives_full_marks_to_the_true_answer_only():
    for truth, fractions in ((True, ["100", "0"]), (False, ["0", "100"])):
        [question] = moodle_quiz([item("truefalse", truth=truth)]).findall("question[@type='truefalse']")
        answers = question.findall("answer")
        assert [text_of(a) for a in answers] == ["true", "false"]
        assert [a.get("fraction") for a in answers] == fractions
        assert all(a.get("format") == "moodle_auto_format" and not text_of(a.find("feedback")) for a in answers)


def test_moodle_multiple_choice_is_single_answer_shuffled_and_lettered():
    question = item("multichoice", answers=[Answer("x <y>", True), Answer("z", False)])
    [element] = moodle_quiz([question]).findall("question[@type='multichoice']")
    settings = children(element)
    assert (settings["single"], settings["shuffleanswers"], settings["answernumbering"]) == \
        ("true", "true", "abc")
    assert [html.unescape(text_of(a)) for a in element.findall("answer")] == ["x <y>", "z"]


def test_moodle_short_answers_ignore_case_and_keep_their_feedback():
    question = item("shortanswer", answers=[Answer("Kim  Il Sung", True, "Right: <yes>")])
    [element] = moodle_quiz([question]).findall("question[@type='shortanswer']")
    assert children(element)["usecase"] == "0"
    [answer] = element.findall("answer")
    assert (answer.get("fraction"), text_of(answer)) == ("100", "Kim Il Sung")
    assert answer.find("feedback").get("format") == "html"
    assert html.unescape(text_of(answer.find("feedback"))) == "Right: <yes>"


def test_moodle_numeric_questions_write_the_number_and_its_tolerance():
    question = item("numerical", text="How many? (Answer with a number.)", number="75000", tolerance="7500")
    [element] = moodle_quiz([question]).findall("question[@type='numerical']")
    [answer] = element.findall("answer")
    assert (answer.get("fraction"), text_of(answer), answer.find("tolerance").text) == ("100", "75000", "7500")
    settings = children(element)
    # units are not graded (0) and not asked for (3: "no units"): the unit is in the prompt
    assert (settings["unitgradingtype"], settings["showunits"]) == ("0", "3")


def test_a_moodle_essay_has_an_editor_no_attachments_and_escaped_grader_notes():
    question = item("essay", lines=7, graderinfo="Model answer: a < b\nQuote: \u201cq\u201d")
    [element] = moodle_quiz([question]).findall("question[@type='essay']")
    settings = children(element)
    assert {k: settings[k] for k in ("responseformat", "responserequired", "responsefieldlines",
                                     "attachments", "attachmentsrequired")} == \
        {"responseformat": "editor", "responserequired": "1", "responsefieldlines": "7",
         "attachments": "0", "attachmentsrequired": "0"}
    info = element.find("graderinfo")
    assert info.get("format") == "html"
    assert text_of(info) == "Model answer: a &lt; b<br>Quote: \u201cq\u201d"
    assert element.find("responsetemplate") is not None and not text_of(element.find("responsetemplate"))


def test_moodle_matching_shows_html_questions_and_plain_answers():
    question = item("matching", pairs=[("<i>a</i>", "x  & y"), ("b", "z"), ("c", "w")])
    [element] = moodle_quiz([question]).findall("question[@type='matching']")
    assert children(element)["shuffleanswers"] == "true"
    subs = element.findall("subquestion")
    assert all(s.get("format") == "html" for s in subs)
    assert [(html.unescape(text_of(s)), text_of(s.find("answer"))) for s in subs] == \
        [("<i>a</i>", "x & y"), ("b", "z"), ("c", "w")]


def test_a_moodle_cloze_question_escapes_its_text_and_each_blanks_forms():
    blank = Blank(["May", 'a/b "c" #1 ~ {x}'])
    question = item("cloze", text="Fill in <both>.", parts=["The <pier> opened in ", blank, "."],
                    feedback="f", points=3)
    [element] = moodle_quiz([question]).findall("question[@type='cloze']")
    assert element.find("questiontext").get("format") == "html"
    assert text_of(element.find("questiontext")) == (
        "Fill in &lt;both&gt;.<br>The &lt;pier&gt; opened in "
        '{1:SHORTANSWER:=May~=a\\/b \\"c\\" \\#1 \\~ {x\\}}.')
    assert "defaultgrade" not in children(element)  # a cloze question's grade is its blanks'
    no_text = item("cloze", text="", parts=[Blank(["x"]), " y"])
    [element] = moodle_quiz([no_text]).findall("question[@type='cloze']")
    assert text_of(element.find("questiontext")) == "{1:SHORTANSWER:=x} y"


# --- QTI --------------------------------------------------------------------------------------

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}


def qti_items(items: list[QuizItem]) -> list[ET.Element]:
    with zipfile.ZipFile(io.BytesIO(qti.write(items, "Deck -- one", "deck"))) as archive:
        [name] = [n for n in archive.namelist() if n != "imsmanifest.xml"]
        ET.fromstring(archive.read("imsmanifest.xml"))  # the title's "--" leaves it well-formed
        root = ET.fromstring(archive.read(name))
    return root.findall(".//q:item", NS)


def mattexts(element: ET.Element) -> list[tuple[str, str]]:
    return [(m.get("texttype"), m.text or "") for m in element.iterfind(".//q:material/q:mattext", NS)]


def feedback_of(element: ET.Element) -> str:
    [text] = element.iterfind("q:itemfeedback/q:flow_mat/q:material/q:mattext", NS)
    assert text.get("texttype") == "text/html"
    return text.text or ""


def test_qti_question_text_is_escaped_html_and_choices_are_plain_text():
    question = item("multichoice", text="Which <b>one</b>  now?", feedback="Quote: a & b",
                    answers=[Answer("x <y>", False), Answer("z & w", True)])
    [element] = qti_items([question])
    presentation = element.find("q:presentation", NS)
    assert mattexts(presentation) == [("text/html", "Which &lt;b&gt;one&lt;/b&gt; now?"),
                                     ("text/plain", "x <y>"), ("text/plain", "z & w")]
    [response] = presentation.findall("q:response_lid", NS)
    assert response.get("rcardinality") == "Single"  # one answer only
    labels = [label.get("ident") for label in response.iterfind("q:render_choice/q:response_label", NS)]
    [right] = [v.text for v in element.iterfind(".//q:respcondition/q:conditionvar/q:varequal", NS)]
    assert right == labels[1]
    assert feedback_of(element) == "Quote: a &amp; b"


def test_qti_essay_feedback_holds_the_grader_notes_without_the_quote_line_by_line():
    question = item("essay", feedback="Source: <the letter>",
                    graderinfo="Model answer: a\nQuote: \u201cq\u201d\nMarking points: (1) b & c")
    [element] = qti_items([question])
    assert feedback_of(element) == "Model answer: a<br>Marking points: (1) b &amp; c<br>Source: &lt;the letter&gt;"


def test_qti_short_answers_accept_each_form_with_its_spaces_folded():
    question = item("shortanswer", answers=[Answer("Kim  Il\tSung"), Answer("Kim")])
    [element] = qti_items([question])
    assert [v.text for v in element.iterfind(".//q:varequal", NS)] == ["Kim Il Sung", "Kim"]


def test_qti_numeric_questions_accept_the_number_or_anything_within_the_tolerance():
    question = item("numerical", number="75000", tolerance="7500")
    [element] = qti_items([question])
    condition = [c for c in element.iterfind(".//q:respcondition", NS) if c.find(".//q:or", NS) is not None]
    [either] = [c.find(".//q:or", NS) for c in condition]
    assert either.find("q:varequal", NS).text == "75000"
    assert (either.find("q:and/q:vargte", NS).text, either.find("q:and/q:varlte", NS).text) == ("67500", "82500")
    render = element.find(".//q:render_fib", NS)
    assert render.get("fibtype") == "Decimal"


def test_qti_matching_splits_the_score_between_the_pairs_and_links_each_left_to_its_right():
    question = item("matching", pairs=[("a <1>", "x"), ("b", "y"), ("c", "x")])
    [element] = qti_items([question])
    responses = element.findall("q:presentation/q:response_lid", NS)
    lefts = [mattexts(r)[0] for r in responses]
    assert lefts == [("text/plain", "a <1>"), ("text/plain", "b"), ("text/plain", "c")]
    options = {label.get("ident"): label.find("q:material/q:mattext", NS).text
               for label in responses[0].iterfind("q:render_choice/q:response_label", NS)}
    assert {label.find("q:material/q:mattext", NS).get("texttype")
            for label in responses[0].iterfind("q:render_choice/q:response_label", NS)} == {"text/plain"}
    assert sorted(options.values()) == ["x", "y"]  # each right side offered once
    scored = {}
    for condition in element.iterfind("q:resprocessing/q:respcondition", NS):
        var = condition.find("q:conditionvar/q:varequal", NS)
        setvar = condition.find("q:setvar", NS)
        if var is not None:
            scored[var.get("respident")] = (options[var.text], setvar.get("action"), setvar.text)
    assert [scored[r.get("ident")] for r in responses] == \
        [("x", "Add", "33.33"), ("y", "Add", "33.33"), ("x", "Add", "33.33")]


def test_qti_fill_ins_name_each_blank_and_accept_its_forms():
    first, second = Blank(["May", "may"]), Blank(["1863"])
    question = item("cloze", text="Fill in.", parts=["Opened in ", first, " of ", second, "."])
    [element] = qti_items([question])
    presentation = element.find("q:presentation", NS)
    assert mattexts(presentation)[0] == ("text/html", "Fill in. Opened in [blank1] of [blank2].")
    responses = presentation.findall("q:response_lid", NS)
    assert [r.get("ident") for r in responses] == ["response_blank1", "response_blank2"]
    assert [mattexts(r) for r in responses] == [[("text/plain", t) for t in ("blank1", "May", "may")],
                                                [("text/plain", "blank2"), ("text/plain", "1863")]]
    shares = [c.find("q:setvar", NS).text for c in element.iterfind("q:resprocessing/q:respcondition", NS)
              if c.find("q:setvar", NS) is not None and c.find("q:setvar", NS).get("action") == "Add"]
    assert shares == ["50.00", "50.00"]


def _local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _holds(condition: ET.Element, answers: dict[str, str]) -> bool:
    """One QTI 1.2 condition, as Canvas grades it (text compared without regard to case)."""
    kind, given = _local(condition), answers.get(condition.get("respident"))
    if kind == "other":
        return True
    if kind in ("and", "or"):
        results = [_holds(c, answers) for c in condition]
        return all(results) if kind == "and" else any(results)
    if given is None:
        return False
    if kind == "varequal":
        return given.strip().lower() == (condition.text or "").strip().lower()
    bound = float(condition.text)
    return float(given) >= bound if kind == "vargte" else float(given) <= bound


def qti_score(element: ET.Element, answers: dict[str, str]) -> float:
    """The SCORE a student's answers earn under the item's own resprocessing (QTI 1.2 defaults:
    ``action`` Set, ``continue`` No; the conditions of one conditionvar are alternatives)."""
    score = 0.0
    for condition in element.iterfind("q:resprocessing/q:respcondition", NS):
        variables = condition.find("q:conditionvar", NS)
        if variables is None or not any(_holds(c, answers) for c in variables):
            continue
        for setvar in condition.iterfind("q:setvar", NS):
            if setvar.get("varname", "SCORE") != "SCORE":
                continue
            value = float(setvar.text)
            score = value if setvar.get("action", "Set") == "Set" else score + value
        if condition.get("continue", "No") != "Yes":
            break
    return score


def label_ident(response: ET.Element, text: str) -> str:
    """The ident of the choice a student picks by its shown text."""
    [found] = [label.get("ident") for label in response.iterfind("q:render_choice/q:response_label", NS)
               if label.find(".//q:mattext", NS).text == text]
    return found


def test_qti_choices_score_full_marks_only_for_the_right_one():
    question = item("multichoice", answers=[Answer("x <y>", False), Answer("z & w", True)])
    true_false = item("truefalse", "tf/1", truth=False)
    [choice, tf] = qti_items([question, true_false])
    for element, right, wrong in ((choice, "z & w", "x <y>"), (tf, "False", "True")):
        response = element.find("q:presentation/q:response_lid", NS)
        ident = response.get("ident")
        assert qti_score(element, {ident: label_ident(response, right)}) == 100
        assert qti_score(element, {ident: label_ident(response, wrong)}) == 0


def test_qti_typed_answers_score_each_accepted_form_and_numbers_within_the_tolerance():
    short = item("shortanswer", answers=[Answer("Kim  Il Sung"), Answer("Kim")])
    number = item("numerical", "n/1", number="75000", tolerance="7500")
    [typed, numeric] = qti_items([short, number])
    typed_id = typed.find("q:presentation/q:response_str", NS).get("ident")
    assert [qti_score(typed, {typed_id: a}) for a in ("Kim Il Sung", "kim", "Park")] == [100, 100, 0]
    number_id = numeric.find("q:presentation/q:response_str", NS).get("ident")
    scores = [qti_score(numeric, {number_id: a}) for a in ("75000", "67500", "70000", "82500", "82501", "60000")]
    assert scores == [100, 100, 100, 100, 0, 0]


def test_qti_matching_and_fill_ins_give_a_share_per_right_part():
    pairs = item("matching", pairs=[("a", "x"), ("b", "y"), ("c", "z")])
    blanks = item("cloze", "c/1", text="", parts=["In ", Blank(["May", "may"]), " of ", Blank(["1863"])])
    [matching_item, cloze_item] = qti_items([pairs, blanks])
    responses = matching_item.findall("q:presentation/q:response_lid", NS)
    right = {r.get("ident"): label_ident(r, want) for r, want in zip(responses, "xyz")}
    assert qti_score(matching_item, right) == pytest.approx(100, abs=0.02)
    one_wrong = dict(right, **{responses[0].get("ident"): label_ident(responses[0], "y")})
    assert qti_score(matching_item, one_wrong) == pytest.approx(200 / 3, abs=0.02)
    first, second = cloze_item.findall("q:presentation/q:response_lid", NS)
    both = {first.get("ident"): label_ident(first, "may"), second.get("ident"): label_ident(second, "1863")}
    assert qti_score(cloze_item, both) == 100
    assert qti_score(cloze_item, {first.get("ident"): label_ident(first, "May")}) == 50
    assert mattexts(cloze_item.find("q:presentation", NS))[0] == ("text/html", "In [blank1] of [blank2]")


def item_metadata(element: ET.Element) -> dict[str, str]:
    fields = element.iterfind("q:itemmetadata/q:qtimetadata/q:qtimetadatafield", NS)
    return {f.find("q:fieldlabel", NS).text: f.find("q:fieldentry", NS).text for f in fields}


def test_each_qti_item_tells_canvas_its_type_points_and_identity():
    kinds = {"multichoice": "multiple_choice_question", "truefalse": "true_false_question",
             "shortanswer": "short_answer_question", "numerical": "numerical_question",
             "matching": "matching_question", "cloze": "fill_in_multiple_blanks_question",
             "essay": "essay_question"}
    made = [item("multichoice", "mc/1", points=2, answers=[Answer("a", True), Answer("b", False)]),
            item("truefalse", "tf/1", truth=True), item("shortanswer", "s/1", answers=[Answer("x")]),
            item("numerical", "n/1", number="5", tolerance="0", points=3),
            item("matching", "m/1", pairs=[("a", "1"), ("b", "2"), ("c", "3")]),
            item("cloze", "c/1", parts=["a ", Blank(["b", "B"])]), item("essay", "e/1", graderinfo="g")]
    elements = qti_items(made)
    again = qti_items(made)
    assert [ET.tostring(e) for e in elements] == [ET.tostring(e) for e in again]  # stable identities
    metadata = [item_metadata(e) for e in elements]
    assert [m["question_type"] for m in metadata] == list(kinds.values())
    assert [m["points_possible"] for m in metadata] == ["2", "1", "1", "3", "1", "1", "1"]
    assert [e.get("title") for e in elements] == [i.name for i in made]
    idents = [e.get("ident") for e in elements]
    assert all(idents) and len(set(idents)) == len(idents)
    refs = [m["assessment_question_identifierref"] for m in metadata]
    assert all(refs) and len(set(refs)) == len(refs) and not set(refs) & {e.get("ident") for e in elements}
    for element, meta in zip(elements[:2], metadata[:2]):  # choices: the answer ids in printed order
        labels = [label.get("ident") for label in element.iterfind(".//q:response_label", NS)]
        assert meta["original_answer_ids"].split(",") == labels and len(set(labels)) == 2
    assert all("original_answer_ids" not in m for m in metadata[2:])
    for element in elements:  # the general feedback is shown whatever the answer
        [condition] = [c for c in element.iterfind("q:resprocessing/q:respcondition", NS)
                       if c.find("q:displayfeedback", NS) is not None]
        assert any(_holds(c, {}) for c in condition.find("q:conditionvar", NS))
        shown = condition.find("q:displayfeedback", NS)
        assert shown.get("feedbacktype", "Response") == "Response"
        assert element.find(f"q:itemfeedback[@ident='{shown.get('linkrefid')}']", NS) is not None
        for response in element.iterfind("q:presentation/q:response_lid", NS):  # each choice told apart
            labels = [label.get("ident") for label in response.iterfind("q:render_choice/q:response_label", NS)]
            assert len(set(labels)) == len(labels)
        [score] = element.iterfind("q:resprocessing/q:outcomes/q:decvar", NS)
        assert (score.get("varname"), score.get("minvalue"), score.get("maxvalue"), score.get("vartype")) == \
            ("SCORE", "0", "100", "Decimal")


# --- Quizlet ----------------------------------------------------------------------------------

def question(style: str, **fields) -> Question:
    return Question(id=f"{style}/x", guid_key="x", template_id=style, style=style, topic="t",
                    source_id="s", facts=[], prompt=fields.pop("prompt", "Prompt?"), **fields)


def test_quizlet_writes_one_card_per_line_for_each_style_it_can_hold():
    questions = [
        question("true_false", prompt="The pier opened\tin May.", answer="True"),
        question("matching", pairs=[("a", "1"), ("b", "2")]),
        question("fill_blank", cloze=[("The pier opened in ", 0), ("May", 1), (" of ", 0), ("1863", 2), (".", 0)]),
        question("ordering", prompt="Put in order:", options=["b", "a"], order=["a", "b"]),
        question("multiple_choice", prompt="Which?", answer="=SUM(1)"),
        question("table", prompt="Fill the table."),
        question("table", prompt="Fill another table."),
        question("essay", prompt="Explain."),
    ]
    cards, skipped = quizlet.cards(questions)
    assert quizlet.write(cards) == (
        "True or false? The pier opened in May.\tTrue\n"
        "a\t1\n"
        "b\t2\n"
        "The pier opened in _____ of 1863.\tMay\n"
        "The pier opened in May of _____.\t1863\n"
        "Put in order: b; a\t1. a; 2. b\n"
        "Which?\t\u200b=SUM(1)\n"
    )
    assert skipped == {"table": 2, "essay": 1}


def test_a_quizlet_card_with_an_empty_side_is_left_out_but_not_counted_as_skipped():
    cards, skipped = quizlet.cards([question("short_answer", prompt="Who?", answer=" \n")])
    assert cards == [] and skipped == {}


# --- the answer rules every quiz format shares ------------------------------------------------

def figure(answer: str, kind: str = "figure", style: str = "short_answer", facts: int = 1) -> Question:
    one = Fact(id="grain", kind=kind, topic="t", statement="s", question="q", answer=answer,
               quotes=["q"], source_id="s", path="f.yaml", line=1, col=1)
    return Question(id="recall/grain", guid_key="g", template_id="recall", style=style, topic="t",
                    source_id="s", facts=[one] * facts, prompt="How much grain?", answer=answer)


@pytest.mark.parametrize("answer, option, value, unit, tolerance", [
    ("75,000 tons", 0, 75000, "tons", 0),
    ("75,000 tons", 5, 75000, "tons", 3750),          # 5% of 75,000
    ("About 100 pieces", 0, 100, "pieces", 10),        # hedged: at least 10%
    ("about 100 pieces", 20, 100, "pieces", 20),       # a larger option wins over the hedge
    ("Nearly  1,500.", 0, 1500, "", 150),
    ("circa 2.5 million tons", 0, 2.5, "million tons", 0.25),
    ("37.5", 0, 37.5, "", 0),
])
def test_a_figure_answer_becomes_a_number_with_its_unit_and_tolerance(answer, option, value, unit, tolerance):
    numeric = numeric_answer(figure(answer), option)
    assert (numeric.value, numeric.unit) == (value, unit)
    assert numeric.tolerance == pytest.approx(tolerance)


@pytest.mark.parametrize("question", [
    figure("75,000 tons", kind="event"), figure("75,000 tons", style="fill_blank"),
    figure("75,000 tons", facts=2), figure("75,000 tons or 80,000 tons"), figure("tons"),
    figure("75,000 tons (requested)"),
])
def test_anything_but_one_figure_with_one_number_stays_a_short_answer(question):
    assert numeric_answer(question, 0) is None


def test_numbers_are_written_as_a_quiz_compares_them():
    assert [plain_number(v) for v in (75000.0, 37.5, 0.25, 3)] == ["75000", "37.5", "0.25", "3"]


def test_a_short_answer_accepts_each_form_also_without_thousands_separators():
    question = figure("200,000 tons", kind="event")
    question.accept = ["1,234,567", "12,34 tons", "200,000 tons"]
    assert accepted_forms(question) == ["200,000 tons", "200000 tons", "1,234,567", "1234567", "12,34 tons"]


def test_a_short_list_is_accepted_in_every_order_and_a_long_one_only_as_written():
    short = figure("a; b; c", kind="list")
    short.any_order = True
    assert sorted(accepted_forms(short)) == sorted(
        ["a; b; c", "a; c; b", "b; a; c", "b; c; a", "c; a; b", "c; b; a"])
    four = figure("w;x;y;z", kind="list")  # one "word": machine-marked, 4! = 24 orders
    four.any_order = True
    assert len(accepted_forms(four)) == 24 and "z; y; x; w" in accepted_forms(four)
    five = figure("v;w;x;y;z", kind="list")  # 5! = 120 orders would be too many: as written only
    five.any_order = True
    assert accepted_forms(five) == ["v;w;x;y;z"]
    one = figure("a", kind="list")
    one.any_order = True
    assert accepted_forms(one) == ["a"]
    two = figure("a; b", kind="list")
    two.any_order, two.accept = True, ["x; y"]
    assert accepted_forms(two) == ["a; b", "b; a", "x; y", "y; x"]
    numbered = figure("a; b; c", kind="list")  # a list in its own order only
    assert accepted_forms(numbered) == ["a; b; c"]


def test_a_long_answer_is_left_to_the_teacher():
    assert accepted_forms(figure("the new pier opened", kind="event")) == []
    assert accepted_forms(figure("the new pier", kind="event")) == ["the new pier", "new pier"]  # article optional


def test_a_blank_is_machine_marked_when_it_is_a_number_with_a_unit_or_at_most_three_words():
    short = ["May", "the new pier", "the new pier.", "75,000 tons of grain", "About 1,500 heavy railway cars",
             "  two   words  "]
    long = ["the new pier opened", "in the spring of 1863", "", " . "]
    assert [is_short(t) for t in short] == [True] * len(short)
    assert [is_short(t) for t in long] == [False] * len(long)


def test_markdown_shows_a_character_reference_literally():
    text = "Fish &amp; chips &#35;1 &copy; & more"
    rendered = MarkdownIt("commonmark").render(markdown.escape(text))
    assert html.unescape(rendered.removeprefix("<p>").removesuffix("</p>\n")) == text
