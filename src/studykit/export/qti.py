"""IMS QTI 1.2 for Canvas Classic Quizzes (and Blackboard, Brightspace): a zip with imsmanifest.xml.

Written with ``xml.etree`` rather than a library: text2qti reads its own
Markdown-like text (no matching, no fill in multiple blanks) and
qti-package-maker has no essay, no true/false, fixed points and no general
feedback, so neither carries the deck's styles.  The XML follows the item
shapes Canvas itself exports (``question_type`` metadata, ``response_lid`` /
``response_str``, ``resprocessing`` setting ``SCORE`` to 100).

One ``<assessment>`` holds every exportable question; Canvas imports it as a
quiz and files its questions in a question bank of the same name.  Each item
is titled with its stable question id and carries the statement, quote and
citation as general feedback; essays carry their model answer and marking
points there too (QTI 1.2 has no grader-only text).  A zip written twice from
the same questions is byte-identical.
"""

from __future__ import annotations

import hashlib
import html
import io
import xml.etree.ElementTree as ET
import zipfile

from .common import Blank, QuizItem, xml_comment_text

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_TYPES = {
    "multichoice": "multiple_choice_question", "truefalse": "true_false_question",
    "shortanswer": "short_answer_question", "numerical": "numerical_question",
    "matching": "matching_question", "cloze": "fill_in_multiple_blanks_question",
    "essay": "essay_question",
}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so a rebuild is byte-identical


def ident(*parts: str) -> str:
    """A stable XML identifier (letters and digits) derived from text."""
    return "g" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def write(items: list[QuizItem], title: str, deck_id: str) -> bytes:
    """The QTI package (zip bytes) for ``items``."""
    bank = ident("bank", deck_id)
    files = {
        "imsmanifest.xml": _xml(_manifest(bank, title)),
        f"{bank}/{bank}.xml": _xml(_assessment(items, bank, title)),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _manifest(bank: str, title: str) -> ET.Element:
    manifest = ET.Element("manifest", {"identifier": ident("manifest", bank), "xmlns": MANIFEST_NS})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    resource = ET.SubElement(resources, "resource", identifier=bank, type="imsqti_xmlv1p2")
    ET.SubElement(resource, "file", href=f"{bank}/{bank}.xml")
    manifest.insert(0, ET.Comment(f" {xml_comment_text(title)}: written by studykit "))
    return manifest


def _assessment(items: list[QuizItem], bank: str, title: str) -> ET.Element:
    root = ET.Element("questestinterop", xmlns=NS)
    assessment = ET.SubElement(root, "assessment", ident=bank, title=" ".join(title.split()))
    _metadata(assessment, {"cc_maxattempts": "1"})
    section = ET.SubElement(assessment, "section", ident="root_section")
    for item in items:
        section.append(_item(item))
    return root


def _metadata(parent: ET.Element, fields: dict[str, str], tag: str = "qtimetadata") -> None:
    meta = ET.SubElement(parent, tag)
    for label, entry in fields.items():
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _html(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)


def _material(parent: ET.Element, text: str, texttype: str = "text/html") -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", texttype=texttype).text = \
        _html(text) if texttype == "text/html" else " ".join(text.split())


def _item(item: QuizItem) -> ET.Element:
    element = ET.Element("item", ident=ident("item", item.name), title=item.name)
    answer_ids = [ident(item.name, "answer", str(i)) for i in range(len(item.answers))]
    meta = {"question_type": CANVAS_TYPES[item.kind], "points_possible": f"{float(item.points):g}",
            "assessment_question_identifierref": ident("question", item.name)}
    if item.kind in ("multichoice", "truefalse"):
        meta["original_answer_ids"] = ",".join(_choice_ids(item))
    _metadata(ET.SubElement(element, "itemmetadata"), meta)
    presentation = ET.SubElement(element, "presentation")
    processing = ET.Element("resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = ET.SubElement(processing, "respcondition", attrib={"continue": "Yes"})
    ET.SubElement(ET.SubElement(general, "conditionvar"), "other")
    ET.SubElement(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    getattr(_Body, item.kind)(item, presentation, processing, answer_ids)
    element.append(processing)
    feedback = ET.SubElement(element, "itemfeedback", ident="general_fb")
    text = item.feedback
    if item.kind == "essay":
        text = "\n".join(line for line in item.graderinfo.splitlines() if not line.startswith("Quote:"))
        text = f"{text}\n{item.feedback}"
    flow = ET.SubElement(feedback, "flow_mat")
    material = ET.SubElement(flow, "material")
    ET.SubElement(material, "mattext", texttype="text/html").text = \
        "<br>".join(_html(line) for line in text.splitlines() if line.strip())
    return element


def _choice_ids(item: QuizItem) -> list[str]:
    labels = ["True", "False"] if item.kind == "truefalse" else [a.text for a in item.answers]
    return [ident(item.name, "choice", str(i)) for i in range(len(labels))]


def _score(processing: ET.Element, conditions: list[tuple[str, str]], action: str = "Set",
           value: str = "100", any_of: bool = True) -> None:
    """A condition that sets (or adds to) the score when a response equals one of ``conditions``."""
    condition = ET.SubElement(processing, "respcondition", attrib={"continue": "No" if action == "Set" else "Yes"})
    conditionvar = ET.SubElement(condition, "conditionvar")
    for respident, value_text in conditions:
        ET.SubElement(conditionvar, "varequal", respident=respident).text = value_text
    ET.SubElement(condition, "setvar", action=action, varname="SCORE").text = value


def _text_entry(presentation: ET.Element, fibtype: str | None = None) -> None:
    response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
    render = ET.SubElement(response, "render_fib", **({"fibtype": fibtype} if fibtype else {}))
    ET.SubElement(render, "response_label", ident="answer1", rshuffle="No")


def _choices(presentation: ET.Element, ids: list[str], labels: list[str]) -> None:
    """One single-answer choice response, as Canvas writes multiple choice and true/false."""
    response = ET.SubElement(presentation, "response_lid", ident="response1", rcardinality="Single")
    render = ET.SubElement(response, "render_choice")
    for choice_id, label in zip(ids, labels):
        _material(ET.SubElement(render, "response_label", ident=choice_id), label, "text/plain")


class _Body:
    """The presentation and scoring of each question type, as Canvas exports them."""

    @staticmethod
    def multichoice(item, presentation, processing, answer_ids) -> None:
        _material(presentation, item.text)
        ids = _choice_ids(item)
        _choices(presentation, ids, [answer.text for answer in item.answers])
        right = next(i for i, a in zip(ids, item.answers) if a.right)
        _score(processing, [("response1", right)])

    @staticmethod
    def truefalse(item, presentation, processing, answer_ids) -> None:
        _material(presentation, item.text)
        ids = _choice_ids(item)
        _choices(presentation, ids, ["True", "False"])
        _score(processing, [("response1", ids[0] if item.truth else ids[1])])

    @staticmethod
    def shortanswer(item, presentation, processing, answer_ids) -> None:
        _material(presentation, item.text)
        _text_entry(presentation)
        _score(processing, [("response1", " ".join(a.text.split())) for a in item.answers])

    @staticmethod
    def numerical(item, presentation, processing, answer_ids) -> None:
        _material(presentation, item.text)
        _text_entry(presentation, fibtype="Decimal")
        value, tolerance = float(item.number), float(item.tolerance)
        condition = ET.SubElement(processing, "respcondition", attrib={"continue": "No"})
        either = ET.SubElement(ET.SubElement(condition, "conditionvar"), "or")
        ET.SubElement(either, "varequal", respident="response1").text = item.number
        within = ET.SubElement(either, "and")
        ET.SubElement(within, "vargte", respident="response1").text = f"{value - tolerance:g}"
        ET.SubElement(within, "varlte", respident="response1").text = f"{value + tolerance:g}"
        ET.SubElement(condition, "setvar", action="Set", varname="SCORE").text = "100"

    @staticmethod
    def matching(item, presentation, processing, answer_ids) -> None:
        _material(presentation, item.text)
        rights = list(dict.fromkeys(right for _, right in item.pairs))
        right_ids = {right: ident(item.name, "match", right) for right in rights}
        share = f"{100 / len(item.pairs):.2f}"
        for n, (left, right) in enumerate(item.pairs):
            respident = f"response_{ident(item.name, 'left', str(n))}"
            response = ET.SubElement(presentation, "response_lid", ident=respident)
            _material(response, left, "text/plain")
            render = ET.SubElement(response, "render_choice")
            for option in rights:
                _material(ET.SubElement(render, "response_label", ident=right_ids[option]), option, "text/plain")
            _score(processing, [(respident, right_ids[right])], action="Add", value=share)

    @staticmethod
    def cloze(item, presentation, processing, answer_ids) -> None:
        names: dict[int, str] = {}
        text = []
        for part in item.parts:
            if isinstance(part, Blank):
                names.setdefault(id(part), f"blank{len(names) + 1}")
                text.append(f"[{names[id(part)]}]")
            else:
                text.append(part)
        prompt = f"{item.text} " if item.text else ""
        _material(presentation, prompt + "".join(text))
        blanks = {id(p): p for p in item.blanks}
        share = f"{100 / len(names):.2f}"
        for key, name in names.items():
            respident = f"response_{name}"
            response = ET.SubElement(presentation, "response_lid", ident=respident)
            _material(response, name, "text/plain")
            render = ET.SubElement(response, "render_choice")
            form_ids = [ident(item.name, name, form) for form in blanks[key].answers]
            for form_id, form in zip(form_ids, blanks[key].answers):
                _material(ET.SubElement(render, "response_label", ident=form_id), form, "text/plain")
            _score(processing, [(respident, form_id) for form_id in form_ids], action="Add", value=share)

    @staticmethod
    def essay(item, presentation, processing, answer_ids) -> None:
        _material(presentation, item.text)
        _text_entry(presentation)
        condition = ET.SubElement(processing, "respcondition", attrib={"continue": "No"})
        ET.SubElement(ET.SubElement(condition, "conditionvar"), "other")
