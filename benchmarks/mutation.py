"""Mutation testing of the modules that carry the README's promises (slow: not run in CI).

    python benchmarks/mutation.py quotes            # one module and the tests that cover it
    python benchmarks/mutation.py --list            # the modules and their tests
    python benchmarks/mutation.py all --jobs 2      # every module (an hour or more)
    python benchmarks/mutation.py export --again /tmp/studykit-mutation-export-XXXX
                                                    # after adding tests: re-test the survivors only

Each run copies the checkout into a temporary folder, tells mutmut (pinned below) to mutate
only the chosen module, runs only the tests that cover it, and prints mutmut's verdicts:
killed, survived, timeout, no tests.  Read a survivor with ``mutmut show NAME`` in the folder
the run prints; then either add a test that kills it or note in the README why it is harmless.
"""

from __future__ import annotations

import argparse
import fnmatch
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MUTMUT = "mutmut==3.8.1"
REPO = Path(__file__).resolve().parent.parent

# name -> (files under src/studykit, tests that cover their promises, mutant-name patterns or None).
# Patterns limit a run to the functions that carry the promise: mutmut names a mutant
# ``studykit.apkg.x_note_guid__mutmut_3`` (``x__name`` for a private ``_name``; a method
# ``studykit.apkg.xǁNoteContentǁcontent_hash__mutmut_1``).  The tests are the fast ones:
# every surviving mutant runs all the tests that reach its function.
BUILD_PROMISES = "tests/test_promises_build.py::test_"


def _functions(module: str, *names: str) -> list[str]:
    return [f"studykit.{module}.{name}__mutmut_*" for name in names]


MODULES = {
    "quotes": (["quotes.py"], ["tests/test_promises_quotes.py", "tests/test_load.py",
                             "tests/test_loader_documents.py"], None),
    # note identity and comparing with the previous build (not the checks of a damaged manifest)
    "manifest": (["manifest.py", "apkg.py"],
                 ["tests/test_manifest_identity.py", "tests/test_manifest.py", "tests/test_apkg.py",
                  "tests/test_properties.py::test_any_edit_of_a_facts_wording_keeps_every_guid",
                  "tests/test_properties.py::test_the_build_is_a_pure_function_of_its_inputs",
                  BUILD_PROMISES + "a_retired_note_moves_to_its_topics_new_subdeck_after_a_reorder",
                  BUILD_PROMISES + "a_recipe_subdecks_override_names_the_subdeck",
                  BUILD_PROMISES + "renaming_a_field_of_a_shipped_note_type_is_refused_by_build"],
                 _functions("manifest", "xǁManifestǁ__init__", "xǁManifestǁnote", "xǁManifestǁto_json",
                            "x__note_of_row", "x__split", "x_frozen_names", "x_frozen_problems", "x_compare",
                            "x_next_timestamp")
                 + _functions("apkg", "x_stable_id", "x_note_type_id", "x_deck_id", "x_note_guid", "x_tag",
                              "xǁNoteContentǁcontent_hash", "x_subdeck_names", "x_deck_part", "x__tags",
                              "x__refuse_duplicate_guids", "x_retire", "x__refuse_id_clashes")),
    # reading a previous build's manifest: a damaged or hostile one is one clear problem
    "manifest-checks": (["manifest.py"], ["tests/test_manifest_validation.py", "tests/test_manifest.py"],
                        _functions("manifest", "x_read_manifest", "x__no_constant", "x__manifest_of", "x__expect",
                                   "x__only", "x__check_rows", "x__note_types", "x__notes_v1")),
    # staging, publishing all or nothing, rolling back, leftovers of killed writers, the output lock
    "atomic": (["atomic.py"], ["tests/test_atomic.py"], None),
    # the text each quiz format writes, and the answer rules they share
    "export": (["export/gift.py", "export/moodle_xml.py", "export/quizlet.py", "export/markdown.py",
                "export/qti.py", "export/common.py"],
               ["tests/test_export_readback.py",
                "tests/test_properties.py::test_gift_multiple_choice_reads_back_identical",
                "tests/test_properties.py::test_gift_short_answers_read_back_with_the_arrow_rule",
                "tests/test_properties.py::test_moodle_xml_multiple_choice_reads_back_identical",
                "tests/test_properties.py::test_moodle_xml_short_answers_read_back_as_typed",
                "tests/test_properties.py::test_quizlet_cards_read_back_identical_with_a_tab_reader",
                "tests/test_export.py::test_a_single_number_answer_becomes_numeric",
                "tests/test_export.py::test_answers_with_more_than_one_number_stay_short_answers",
                "tests/test_export_markdown.py::test_escape_round_trips_every_ascii_punctuation_mark"],
               ["studykit.export.gift.*", "studykit.export.moodle_xml.*", "studykit.export.quizlet.*"]
               + _functions("export.markdown", "x_escape")
               + _functions("export.qti", "x__html", "x__material", "x__item", "x__choices",
                            "xǁ_Bodyǁshortanswer", "xǁ_Bodyǁnumerical", "xǁ_Bodyǁmatching", "xǁ_Bodyǁcloze")
               + _functions("export.common", "x_xml_comment_text", "x_spreadsheet_safe", "x_moodle_pattern",
                            "x_plain_number", "x_numeric_answer", "x__with_variants", "x__any_order",
                            "x_is_short", "x_accepted_forms")),
    # each version's order and its key's quick answers
    "worksheet-versions": (["worksheets/versions.py", "worksheets/render.py"],
                           ["tests/test_worksheet_versions.py"],
                           ["studykit.worksheets.versions.*"]
                           + _functions("worksheets.render", "x_quick_answer", "x_table_quick_row", "x_cut",
                                        "x_with_unit_note")),
}
SKIP = shutil.ignore_patterns(".venv", "dist", "mutants", ".git", "__pycache__", ".hypothesis",
                              ".pytest_cache", "*.egg-info")


def configure(copy: Path, modules: list[str], tests: list[str]) -> None:
    """Mutate only ``modules``; every other source file is copied unchanged."""
    src = copy / "src" / "studykit"
    missing = [m for m in modules if not (src / m).is_file()]
    if missing:
        sys.exit(f"no such module under src/studykit: {', '.join(missing)}")
    # the tests run inside mutmut's mutants/ folder: they need the shipped project files there too
    shared = sorted(p.name for p in copy.iterdir() if p.name not in ("src", "tests", "pyproject.toml"))
    listed = lambda items: "[" + ", ".join(f'"{i}"' for i in items) + "]"  # noqa: E731
    with open(copy / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[tool.mutmut]\nsource_paths = [\"src/\"]\n"
                     f"only_mutate = {listed(f'src/studykit/{m}' for m in modules)}\n"
                     f"also_copy = {listed(shared)}\n"
                     f"pytest_add_cli_args_test_selection = {listed(tests)}\n"
                     # a failing Hypothesis test shrinks for minutes: call it caught (a timeout) sooner
                     "timeout_multiplier = 3.0\n")


def mutmut_command() -> str:
    """mutmut's own script: ``python -m mutmut`` breaks its trampolines (mutmut.__main__ twice)."""
    beside = Path(sys.executable).parent / "mutmut"
    return str(beside) if beside.exists() else (shutil.which("mutmut") or "mutmut")


def run(name: str, jobs: int, again: Path | None = None, survivors_only: bool = False) -> dict[str, int]:
    """Mutate a fresh copy of the checkout; or, ``again``, re-test a previous run's survivors.

    ``again`` takes the folder a previous run printed: the current tests are copied into it
    and only the mutants it did not kill (and any in scope it did not test) run again, with
    mutmut's recorded test coverage extended to the new tests.
    """
    modules, tests, functions = MODULES[name]
    if again is None:
        copy = Path(tempfile.mkdtemp(prefix=f"studykit-mutation-{name}-"))
        shutil.copytree(REPO, copy, dirs_exist_ok=True, ignore=SKIP)
        tests = [t for t in tests if (copy / t.split("::")[0]).is_file()]  # a test file not written yet
        configure(copy, modules, tests)
        chosen = functions or []
    else:
        copy = again
        for folder in (copy / "tests", copy / "mutants" / "tests"):
            shutil.copytree(REPO / "tests", folder, dirs_exist_ok=True, ignore=SKIP)
        left = ("survived",) if survivors_only else ("survived", "no tests", "not checked", "suspicious")
        chosen = [mutant for mutant, verdict in _verdicts(copy, functions) if verdict in left]
        if not chosen:
            print(f"{name}: nothing left to re-test in {copy}")
    print(f"{name}: mutating {', '.join(modules)} in {copy}, tests {' '.join(tests)}", flush=True)
    if again is None or chosen:
        subprocess.run([mutmut_command(), "run", "--max-children", str(jobs), *chosen], cwd=copy)
    found = _verdicts(copy, functions)
    verdicts: dict[str, int] = {}
    for _, verdict in found:
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
    (copy / "mutation-results.txt").write_text("".join(f"{m}: {v}\n" for m, v in found), encoding="utf-8")
    total = sum(verdicts.values())
    caught = verdicts.get("killed", 0) + verdicts.get("timeout", 0)
    rate = f"{100 * caught / total:.1f}%" if total else "n/a"
    print(f"{name}: {total} mutants, {verdicts}; caught (killed or timed out) {rate}; "
          f"verdicts listed in {copy / 'mutation-results.txt'}", flush=True)
    return verdicts


def _verdicts(copy: Path, functions: list[str] | None) -> list[tuple[str, str]]:
    """(mutant, verdict) of every mutant in scope, as mutmut recorded them in ``copy``."""
    shown = subprocess.run([mutmut_command(), "results", "--all", "true"], cwd=copy,
                           capture_output=True, text=True).stdout
    found = []
    for line in shown.splitlines():
        match = re.match(r"\s*(\S+): (\w[\w ]*)$", line)
        if match and (functions is None or any(fnmatch.fnmatch(match.group(1), f) for f in functions)):
            found.append((match.group(1), match.group(2)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", nargs="?", choices=[*MODULES, "all"])
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once (default 1)")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--again", type=Path, metavar="FOLDER",
                        help="re-test the mutants a previous run (of one module) left alive, with today's tests")
    parser.add_argument("--survivors-only", action="store_true",
                        help="with --again: only the survivors, not the mutants the run had not reached")
    args = parser.parse_args()
    if args.list or not args.module:
        for name, (modules, tests, functions) in MODULES.items():
            only = f" (only {len(functions)} function patterns)" if functions else ""
            print(f"{name}: {' '.join(modules)}{only}  <-  {' '.join(tests)}")
        return
    try:
        import mutmut  # noqa: F401
    except ImportError:
        sys.exit(f"install the pinned mutation tester first: pip install '{MUTMUT}'")
    if args.again and args.module == "all":
        sys.exit("--again takes the folder of one module's run")
    for name in (MODULES if args.module == "all" else [args.module]):
        run(name, args.jobs, args.again, args.survivors_only)


if __name__ == "__main__":
    main()
