"""The `contexts` subcommand of mc_coverage.py (per-test: true): what each coverage.py context ran.

With dynamic_context = test_function, coverage.py labels what runs inside a test function with
the function's name (`test_api.test_describe`, `test_mod.TestX.test_y`) and everything else
with the empty context; a subprocess a test starts is labelled with the test's name as its
static context (the pytest plugin hands it over). This reads the combined data once and writes,
per context label, per measured file, the lines it ran (as `coverage json --show-contexts`
reports them) and, with branch measurement, the arcs it took:

  {"static_context": "...", "contexts": {"<label>": {"<file>": {"lines": [..], "arcs": [[a, b]]}}}}

Works on Python 3.9 and later.
"""

from __future__ import annotations

import argparse
import json
import os


def contexts(args: argparse.Namespace) -> dict:
    import coverage

    cov = coverage.Coverage(config_file=":data:" + os.environ.get("MIXED_COVERAGE_CONFIG", ""))
    cov.load()
    data = cov.get_data()
    by_context: dict[str, dict[str, dict]] = {}
    for filename in sorted(data.measured_files()):
        for line, labels in sorted(data.contexts_by_lineno(filename).items()):
            for label in labels:
                entry = by_context.setdefault(label, {}).setdefault(filename, {"lines": []})
                entry["lines"].append(line)
    if data.has_arcs():
        # One query per context and file it ran in: proportional to what is written.
        for label, files in by_context.items():
            data.set_query_context(label)
            for filename, entry in files.items():
                entry["arcs"] = sorted([list(arc) for arc in data.arcs(filename) or []])
        data.set_query_contexts(None)
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump({"static_context": cov.config.context or "", "contexts": by_context}, handle)
    return {"contexts": len(by_context), "files": len(data.measured_files())}
