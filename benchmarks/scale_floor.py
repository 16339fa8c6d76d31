"""How close can a deck-only build come to the bare genanki script?  The floor of sandboxed rendering.

Usage:  python benchmarks/scale_floor.py PROJECT [--repeat N]

A build must at least do what the bare script does (load the YAML with
libyaml, write the notes with genanki) and render, sandboxed with
StrictUndefined, the template snippets its questions need.  This measures,
in one process and one run, the bare script (a child process, as run.py
times it) and every sandboxed Jinja call a build of PROJECT makes, recorded
from a real render and replayed alone: with the plain-snippet shortcut off
(every snippet through Jinja, as before it) and on (only what it leaves to
Jinja).  The replays are split into the texts a note shows (prompt, answer,
fields) and the rest (rules, distractors, false versions, cloze terms).
It prints each as CPU seconds and as a multiple of the bare script's CPU.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def bare_cpu(project: Path, notes: int) -> float:
    """CPU seconds (user + sys) of one run of the bare genanki + libyaml script."""
    with tempfile.TemporaryDirectory() as scratch:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        proc = subprocess.Popen([sys.executable, str(HERE / "anchor_genanki.py"), str(project),
                                 str(Path(scratch) / "anchor.apkg"), "--notes", str(notes)], env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("the bare script failed")
        return usage.ru_utime + usage.ru_stime


def recorded_calls(project: Path, shortcuts: bool):
    """Every sandboxed Jinja call of checking PROJECT: (env, 'render'|'call', compiled, context, key)."""
    from studykit import sandbox
    from studykit.check import check_project
    from studykit.questions import plain

    calls = []
    render, call = sandbox.BoundedSandbox.render_bounded, sandbox.BoundedSandbox.call_bounded

    def recording_render(env, template, context):
        calls.append((env, "render", template, dict(context), template.name.split(":")[-2]))
        return render(env, template, context)

    def recording_call(env, function, context):
        if env._local.active:  # the outer call of a nested pair
            calls.append((env, "call", function, dict(context), "expression"))
        return call(env, function, context)

    saved = plain.expression, plain.template
    sandbox.BoundedSandbox.render_bounded = recording_render
    sandbox.BoundedSandbox.call_bounded = recording_call
    if not shortcuts:
        plain.expression = plain.template = lambda env, source: None
    try:
        result = check_project(project)
    finally:
        sandbox.BoundedSandbox.render_bounded, sandbox.BoundedSandbox.call_bounded = render, call
        plain.expression, plain.template = saved
    notes = sum(len(notes) for notes in result.notes.values())
    return calls, notes


def replay(calls) -> dict[str, float]:
    """CPU seconds of the recorded calls alone, each within a budget, split by what they make."""
    from studykit import sandbox

    render, call = sandbox.BoundedSandbox.render_bounded, sandbox.BoundedSandbox.call_bounded
    spent = {"note texts": 0.0, "choosing": 0.0}
    env0 = calls[0][0]
    with env0.session():
        for env, how, compiled, context, key in calls:
            start = time.process_time()
            with env.budget():
                if how == "render":
                    render(env, compiled, context)
                else:
                    call(env, compiled, context)
            part = "note texts" if key in ("prompt", "answer") or key.startswith("fields.") else "choosing"
            spent[part] += time.process_time() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    before, notes = recorded_calls(args.project, shortcuts=False)
    after, _ = recorded_calls(args.project, shortcuts=True)
    bare = []
    rows = {"every snippet through Jinja": [], "what the plain shortcut leaves to Jinja": []}
    for _ in range(args.repeat):  # interleaved, so a busy machine disturbs all alike
        bare.append(bare_cpu(args.project, notes))
        rows["every snippet through Jinja"].append(replay(before))
        rows["what the plain shortcut leaves to Jinja"].append(replay(after))
    anchor = statistics.median(bare)
    print(f"cores: {os.cpu_count()}; {notes:,} notes; bare genanki + libyaml: {anchor:.2f} s CPU (median of "
          f"{args.repeat})\n")
    print("| sandboxed Jinja calls | calls | note texts s | choosing s | total s | total / bare |")
    print("|---|---|---|---|---|---|")
    for (label, runs), calls in zip(rows.items(), (before, after)):
        texts = statistics.median(r["note texts"] for r in runs)
        choosing = statistics.median(r["choosing"] for r in runs)
        print(f"| {label} | {len(calls):,} | {texts:.2f} | {choosing:.2f} | {texts + choosing:.2f} | "
              f"{(texts + choosing) / anchor:.2f}x |")
    print("\nFloor of a build under these rules: the bare script plus its sandboxed rendering, "
          "i.e. 1 + the last column.")


if __name__ == "__main__":
    main()
