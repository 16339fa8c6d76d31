"""Write a valid synthetic studykit project of any size, for the benchmarks.

Usage:  python benchmarks/generate.py --facts N OUT [--worksheet QUESTIONS] [--seed S]

Every fact kind appears (claim 40%, event 20%, figure 13%, list 10%,
person 10%, term 7%, like the shipped report), about 50 facts per topic,
one fact file per topic.  Every quote is a sentence of the synthetic source
text, every number of a fact appears in its quote, and the text carries no
other digits, so the project passes ``studykit check``.  The shipped question
templates and note types are copied in, and one recipe uses every template.
``--worksheet Q`` adds a worksheet asking for about Q questions, no more of a
style in a section than its sheet can hold (so ``check --strict`` passes).

The same arguments always give the same files (no randomness beyond ``--seed``).
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FACTS_PER_TOPIC = 50
KIND_MIX = (("claim", 40), ("event", 20), ("figure", 13), ("list", 10), ("person", 10), ("term", 7))
SYLLABLES = ("ka", "lo", "mi", "re", "su", "ta", "vo", "ne", "di", "pa", "ro", "ze", "gu", "fa", "hi", "jo")
FILLER = ("The talks continued in a calm atmosphere.", "Both sides noted the results of the meeting.",
          "Further consultations were agreed upon.", "The embassy followed these matters closely.")
UNITS = ("tons", "roubles", "wagons")
# What facts are comparable with (distractors and false versions come from the same one).
CATEGORIES = {"claim": "settlement", "event": "visit", "list": "proposals", "person": "minister",
              "term": "doctrine", "figure": ("delivery", "capacity", "pledge")}


def word(n: int, salt: int = 0) -> str:
    """A pronounceable made-up word, distinct for every n (at least three syllables)."""
    n = n * 7 + salt
    parts = []
    while True:
        parts.append(SYLLABLES[n % 16])
        n //= 16
        if n == 0 and len(parts) >= 3:
            break
    return "".join(parts)


def kinds(count: int) -> list[str]:
    """The kind of each fact, interleaved so every topic gets every kind."""
    pattern = [kind for kind, share in KIND_MIX for _ in range(share)]
    spread = random.Random(0).sample(pattern, len(pattern))
    return [spread[i % len(spread)] for i in range(count)]


def make_fact(i: int, kind: str, rng: random.Random) -> tuple[dict, list[str]]:
    """One fact and the source sentences it quotes."""
    a, b, c = word(i, 1).capitalize(), word(i, 2), word(i, 3)
    fid = f"{kind}-{i:06d}"
    if kind == "claim":
        sentence = f"The {b} question of {a} was settled in favour of the {c} side."
        return {"id": fid, "kind": kind,
                "statement": f"The report says the {b} question of {a} was settled in favour of the {c} side.",
                "question": f"According to the report, how was the {b} question of {a} settled?",
                "answer": f"In favour of the {c} side", "quote": sentence,
                "key_terms": [f"{c} side"], "data": {"holder": "the ambassador's report"},
                "tags": ["claims", b]}, [sentence]
    if kind == "event":
        sentence = f"The {b} delegation arrived in the city of {a} to discuss {c} matters."
        return {"id": fid, "kind": kind, "statement": sentence,
                "question": f"Where did the {b} delegation arrive to discuss {c} matters?",
                "answer": f"The city of {a}", "quote": sentence, "key_terms": [f"city of {a}"],
                "data": {"who": f"the {b} delegation", "where": f"the city of {a}"},
                "tags": ["events"]}, [sentence]
    if kind == "figure":
        return figure(fid, i, a, b, c, rng)
    if kind == "list":
        items = [f"{word(i, 4 + k)} works" for k in range(3 + i % 2)]
        ordered = i % 2 == 0
        sentence = f"The proposals on {a} were: {'; '.join(items)}."
        return {"id": fid, "kind": kind,
                "statement": f"The proposals on {a} were {', '.join(items[:-1])} and {items[-1]}.",
                "question": f"What were the proposals on {a}?", "answer": ", ".join(items),
                "quote": sentence, "key_terms": [items[0]],
                "data": {"label": f"the proposals on {a}", "ordered": ordered, "items": items},
                "tags": ["lists"]}, [sentence]
    if kind == "person":
        name = f"{a} {word(i, 5).capitalize()}"
        role = f"the {b} minister of {c}"
        sentence = f"{name}, {role}, attended the talks."
        return {"id": fid, "kind": kind, "statement": f"{name} was {role}.",
                "question": f"Who was {role}?", "answer": name, "quote": sentence,
                "key_terms": [name], "data": {"name": name, "role": role},
                "tags": ["people"]}, [sentence]
    term = f"{a}ism"
    meaning = f"the doctrine of {b} self-reliance"
    sentence = f"{term} means {meaning} in the {c} sense."
    return {"id": fid, "kind": "term", "statement": f"In the report, {term} means {meaning}.",
            "question": f"What does {term} mean in the report?", "answer": meaning.capitalize(),
            "quote": sentence, "key_terms": [term], "data": {"term": term, "meaning": meaning},
            "tags": ["terms"]}, [sentence]


def figure(fid: str, i: int, a: str, b: str, c: str, rng: random.Random) -> tuple[dict, list[str]]:
    unit = UNITS[i % len(UNITS)]
    item = f"{b} goods"
    shape = i % 3
    if shape == 0:  # requested vs promised, with a year
        asked, given, year = 1000 * rng.randint(20, 900), 1000 * rng.randint(1, 19), 1900 + i % 90
        asked_s, given_s = f"{asked:,}", f"{given:,}"
        quotes = [f"The {a} side asked for delivery of {asked_s} {unit} of {item} in {year}.",
                  f"The {c} side promised to deliver only {given_s} {unit} of {item}."]
        fact = {"statement": f"The {a} side asked for {asked_s} {unit} of {item} in {year}, but only "
                             f"{given_s} {unit} were promised.",
                "question": f"How much {item} did the {a} side request in {year}, and how much was promised?",
                "answer": f"{asked_s} {unit} requested; {given_s} {unit} promised",
                "key_terms": [f"{asked_s} {unit}"],
                "data": {"item": item, "unit": unit, "requested": asked, "promised": given, "year": year}}
    elif shape == 1:  # a stated value
        value = rng.randint(2, 999) * 100
        value_s = f"{value:,}"
        quotes = [f"The {a} plant for {item} has a yearly capacity of {value_s} {unit}."]
        fact = {"statement": f"The {a} plant for {item} has a yearly capacity of {value_s} {unit}.",
                "question": f"What is the yearly capacity of the {a} plant for {item}?",
                "answer": f"{value_s} {unit}", "key_terms": [f"{value_s} {unit}"],
                "data": {"item": item, "unit": unit, "value": value}}
    else:  # promised only
        given = rng.randint(2, 999) * 10
        given_s = f"{given:,}"
        quotes = [f"For {item} the {a} side promised {given_s} {unit}."]
        fact = {"statement": f"For {item} the {a} side promised {given_s} {unit}.",
                "question": f"How much {item} did the {a} side promise?",
                "answer": f"{given_s} {unit}", "key_terms": [f"{given_s} {unit}"],
                "data": {"item": item, "unit": unit, "promised": given}}
    return {"id": fid, "kind": "figure", **fact, "quote": quotes if len(quotes) > 1 else quotes[0],
            "tags": ["figures"]}, quotes


def recipe(topics: list[str], templates: list[str], worksheet: int) -> dict:
    spec = {"id": "synthetic", "title": "Synthetic Course", "description": "A generated benchmark deck.",
            "sources": ["synthetic"], "topics": topics, "templates": templates}
    if worksheet:
        per_section = {"multiple_choice": 2, "fill_blank": 2, "short_answer": 2, "true_false": 2,
                       "ordering": 1, "table": 1}
        sections = max(1, min(len(topics), round(worksheet / sum(per_section.values()))))
        spec["worksheet"] = {"title": "Synthetic Course: Worksheet", "paper": "a4", "variants": 2,
                             "seed": 1, "header": ["Name", "Date"], "chart": True,
                             "sections": [{"topic": t, "questions": dict(per_section)}
                                          for t in topics[:sections]]}
    return spec


def generate(count: int, out: Path, worksheet: int = 0, seed: int = 1, repo: Path = REPO) -> Path:
    """Write the project into ``out`` (replaced if it exists) and return it.

    The question templates come from ``repo`` (a checkout: this one by default).
    """
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    source_dir = out / "seeds" / "synthetic"
    (source_dir / "facts").mkdir(parents=True)
    shutil.copytree(repo / "question_templates", out / "question_templates")
    (out / "decks").mkdir()
    topics = [f"topic-{n:04d}" for n in range(1, -(-count // FACTS_PER_TOPIC) + 1)]
    text, by_topic = [], {t: [] for t in topics}
    categories = _knows_categories(repo)
    for i, kind in enumerate(kinds(count)):
        fact, sentences = make_fact(i, kind, rng)
        if categories:
            category = CATEGORIES[kind]
            fact["category"] = category[i % 3] if isinstance(category, tuple) else category
        by_topic[topics[i // FACTS_PER_TOPIC]].append(fact)
        text.extend(sentences)
        text.append(FILLER[i % len(FILLER)])
        if i % 8 == 7:
            text.append("\n")
    (source_dir / "source.txt").write_text(" ".join(text).replace(" \n ", "\n\n") + "\n", encoding="utf-8")
    meta = {"id": "synthetic", "title": "A Synthetic Report", "date": "1967-06-02",
            "author": "A benchmark generator", "citation": "A Synthetic Report (generated)",
            "text": "source.txt", "called": "the report",
            "topics": [{"id": t, "title": f"Topic {word(n, 9).capitalize()}"} for n, t in enumerate(topics)]}
    dump(source_dir / "source.yaml", meta)
    for topic, facts in by_topic.items():
        dump(source_dir / "facts" / f"{topic}.yaml", {"topic": topic, "facts": facts})
    templates = sorted(p.stem for p in (repo / "question_templates").glob("*.yaml"))
    spec = recipe(topics, templates, worksheet)
    dump(out / "decks" / "synthetic.yaml", spec)
    if worksheet:
        _ask_only_what_is_made(out, spec, repo)
    return out


def _ask_only_what_is_made(out: Path, spec: dict, repo: Path) -> None:
    """Lower each section's counts to what the sheet can hold for that topic's facts, and rewrite the recipe.

    The generator cannot tell from its facts alone which styles the templates make
    of them (a table needs enough comparable figures, multiple choice enough
    plausible options) nor which questions would give another's answer away on
    the sheet, so it asks the studykit of ``repo`` (the checkout the templates
    come from): first what the templates make per topic and style, then what
    version A's sections get when chosen as a build chooses them, until the
    request is what the sheet gets.  A generated project then passes ``check
    --strict``.
    """
    import sys
    from collections import Counter

    if (repo / "src" / "studykit").is_dir():
        sys.path.insert(0, str(repo / "src"))
    from studykit.check import check_project
    from studykit.worksheets.choose import choose_versions, worksheet_pool
    from studykit.worksheets.spec import worksheet_spec

    sections = spec["worksheet"]["sections"]
    for _ in range(5):  # each round can only lower counts; two or three rounds settle it
        checked = check_project(out, choose_sheets=False)
        project = checked.project
        recipe, rendered = project.decks[spec["id"]], checked.decks[spec["id"]]
        made = Counter((q.topic, q.style) for q in worksheet_pool(rendered))
        got = {(i, style): min(count, made[(section["topic"], style)])
               for i, section in enumerate(sections) for style, count in section["questions"].items()}
        if all(got[(i, style)] == count for (i, style), count in _asked(sections).items()):
            shortfalls: list = []
            choose_versions(worksheet_spec(recipe, project), project, recipe, rendered, ["A"], shortfalls)
            if not shortfalls:
                return
            got.update({(s.index, s.kind): s.got for s in shortfalls})
        for (i, style), count in got.items():
            asked = sections[i]["questions"]
            if count:
                asked[style] = count
            else:
                del asked[style]
        dump(out / "decks" / "synthetic.yaml", spec)


def _asked(sections: list[dict]) -> dict[tuple[int, str], int]:
    return {(i, style): count for i, section in enumerate(sections) for style, count in section["questions"].items()}


def _knows_categories(repo: Path) -> bool:
    """Whether that checkout's studykit reads a fact's 'category' (older ones refuse the key)."""
    code = repo / "src" / "studykit"
    return any('"category"' in p.read_text(encoding="utf-8") for p in code.rglob("*.py"))


def dump(path: Path, data) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100),
                    encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the project folder to write (replaced)")
    parser.add_argument("--facts", type=int, required=True, help="how many facts")
    parser.add_argument("--worksheet", type=int, default=0, metavar="QUESTIONS",
                        help="add a worksheet asking for about this many questions")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout whose templates to copy")
    args = parser.parse_args()
    generate(args.facts, args.out, args.worksheet, args.seed, args.repo)
    print(f"wrote {args.out} ({args.facts} facts)")


if __name__ == "__main__":
    main()
