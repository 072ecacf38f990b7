"""Helper that mixed-coverage runs inside the interpreter the tests use.

It speaks JSON on stdout and never prints anything else there. Subcommands:

  probe                  what this interpreter has (versions of coverage, pytest-cov, ...)
  config                 the user's coverage.py configuration, read by coverage.py itself,
                         with the action's settings layered on top, serialized for
                         COVERAGE_PROCESS_CONFIG (and written as an INI file for a
                         `coverage run` in the test command, mc_rcfile.py)
  report                 combine the data files and write coverage.py's JSON (and HTML) report
  extension              where an extension module would be imported from, found without
                         importing anything, and whether it is instrumented (for the
                         diagnosis of a silent 0%; mc_extension.py)
  contexts               the lines and arcs each context (test) ran, from the combined data
                         (per-test: true; mc_per_test.py)

Works on Python 3.9 and later; needs coverage >= 7.10.4 for config and report (7.10.0 has no
CoverageConfig.serialize; before 7.10.4, Coverage(config_file=":data:...") is not understood).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
import sysconfig

# Runs from the action's own directory: leave no __pycache__ there.
sys.dont_write_bytecode = True


def sibling(name: str):
    """A module next to this file, loaded by its path: sys.path[0] is not this directory under
    PYTHONSAFEPATH."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name + ".py")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def version_of(distribution: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def probe(_args: argparse.Namespace) -> dict:
    return {
        "executable": sys.executable,
        "version": ".".join(str(part) for part in sys.version_info[:3]),
        "prefix": sys.prefix,
        "in_virtualenv": sys.prefix != getattr(sys, "base_prefix", sys.prefix),
        "scripts_dir": sysconfig.get_path("scripts"),
        "purelib": sysconfig.get_path("purelib"),
        "coverage": version_of("coverage"),
        "pytest": version_of("pytest"),
        "pytest_cov": version_of("pytest-cov"),
        "maturin": version_of("maturin"),
        "pip": version_of("pip"),
    }


def read_pyproject(project: str) -> dict:
    path = os.path.join(project, "pyproject.toml")
    if not os.path.exists(path):
        return {}
    try:
        import tomllib  # Python 3.11+
    except ImportError:
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            return {}
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def default_source(project: str, pyproject: dict) -> tuple[list[str], str | None, str | None]:
    """The Python package maturin builds, as a directory under the project.

    Returns (source directories, top-level package name, extension module name).
    """
    maturin = pyproject.get("tool", {}).get("maturin", {})
    module_name = maturin.get("module-name")
    project_name = pyproject.get("project", {}).get("name")
    package = None
    if module_name:
        package = module_name.split(".")[0]
    elif project_name:
        package = re.sub(r"[-.]+", "_", project_name).lower()
    base = os.path.join(project, maturin.get("python-source", ""))
    candidates = [os.path.join(base, package)] if package else []
    candidates.append(base if maturin.get("python-source") else "")
    for candidate in candidates:
        if candidate and os.path.isdir(candidate):
            return [os.path.abspath(candidate)], package, module_name
    return [], package, module_name


def choose_source(given: list[str], config, detected: list[str]) -> tuple[list[str], str]:
    """What coverage.py measures, and where that comes from: the python-source input, the
    user's configuration, the package maturin builds, or nothing."""
    if given:
        return [os.path.abspath(s) if os.path.exists(s) else s for s in given], "input"
    if config.source or config.source_pkgs or config.run_include:
        return list(config.source or []), "user-config"
    if detected:
        return detected, "pyproject"
    return [], "none"


def build_config(args: argparse.Namespace) -> dict:
    from coverage.config import read_coverage_config

    warnings: list[str] = []
    config = read_coverage_config(config_file=True, warn=warnings.append)
    users_parallel = bool(config.parallel)
    detected, package, module_name = default_source(args.project, read_pyproject(args.project))
    source, origin = choose_source(args.source, config, detected)
    if origin in ("input", "pyproject"):
        config.source = source
    config.data_file = args.data_file
    config.parallel = True
    # The action's own modules (the start-up hook, the pytest plugin) run in every measured
    # process; they are never the project's code, wherever the action is checked out.
    own = os.path.join(os.path.dirname(os.path.abspath(__file__)), "*")
    config.run_omit = sorted(set(config.run_omit or []) | {own})
    if args.per_test and not config.dynamic_context:
        config.dynamic_context = "test_function"  # the user's own choice is kept
    if args.subprocess:
        config.patch = sorted(set(config.patch or []) | {"subprocess"})
        config.sigterm = True
    elif "subprocess" in (config.patch or []):
        config.patch = [name for name in config.patch if name != "subprocess"]
        warnings.append(
            "[run] patch = subprocess of your configuration is not applied: "
            "python-subprocess-coverage is false"
        )
    if source and not config.paths and package and origin != "user-config":
        # Map an installed copy (site-packages) back to the source tree.
        config.paths = {
            "source": [source[0], "*/site-packages/" + package, "*\\site-packages\\" + package]
        }
    # patch=subprocess requires a config file name; point it at our own record.
    config.config_file = config.config_file or args.record
    serialized = config.serialize()
    with open(args.record, "w", encoding="utf-8") as handle:
        json.dump({"serialized": serialized, "source": source, "origin": origin}, handle)
    rcfile, rcfile_problem = None, None
    if args.rcfile:
        write = sibling("mc_rcfile").write_rcfile
        rcfile, rcfile_problem = write(config, users_parallel, args.rcfile)
    return {
        "serialized": serialized,
        "source": source,
        "source_origin": origin,
        "config_files_read": list(config.config_files_read),
        "package": package,
        "extension_module": module_name,
        "branch": bool(config.branch),
        "dynamic_context": config.dynamic_context,
        "static_context": config.context,
        "rcfile": rcfile,
        "rcfile_problem": rcfile_problem,
        "warnings": warnings,
    }


def data_pieces(data_file: str) -> list[str]:
    return sorted(glob.glob(glob.escape(data_file) + ".*"))


def combine_pieces(cov, pieces: list[str]) -> list[str]:
    """Combines the data files, keeping them (they are the action's own, in its directory).

    One that cannot be combined (branch data next to line data, from a `coverage run --branch`
    in the test command) is left out and named.
    """
    from coverage.exceptions import DataError

    try:
        cov.combine(data_paths=pieces, keep=True)
        return []
    except DataError:
        pass
    skipped = []
    for piece in pieces:
        try:
            cov.combine(data_paths=[piece], keep=True)
        except DataError as error:
            skipped.append(f"{os.path.basename(piece)}: {error}")
    return skipped


def report(args: argparse.Namespace) -> dict:
    import coverage

    config_data = os.environ.get("MIXED_COVERAGE_CONFIG", "")
    cov = coverage.Coverage(config_file=":data:" + config_data)
    data_file = cov.config.data_file
    pieces = data_pieces(data_file)
    if not pieces and not os.path.exists(data_file):
        return {"data_files": 0, "measured_files": 0, "skipped": []}
    # The data file itself exists when a `coverage run` or `coverage combine` in the test
    # command wrote it: load it first, as coverage's own report commands do.
    cov.load()
    skipped = combine_pieces(cov, pieces) if pieces else []
    cov.save()
    cov.load()
    measured = len(cov.get_data().measured_files())
    if measured:
        cov.json_report(outfile=args.json)
        if args.html:
            cov.html_report(directory=args.html)
    return {"data_files": len(pieces), "measured_files": measured, "skipped": skipped}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mc_coverage")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("probe")
    config = commands.add_parser("config")
    config.add_argument("--project", required=True)
    config.add_argument("--data-file", required=True)
    config.add_argument("--record", required=True)
    config.add_argument("--source", action="append", default=[])
    config.add_argument("--subprocess", action="store_true")
    config.add_argument("--rcfile", help="also write the configuration as an INI file here")
    config.add_argument("--per-test", action="store_true", help="dynamic_context = test_function")
    rep = commands.add_parser("report")
    rep.add_argument("--json", required=True)
    rep.add_argument("--html", help="also write coverage.py's HTML report into this directory")
    ext = commands.add_parser("extension")
    ext.add_argument("--module", required=True)
    commands.add_parser("contexts").add_argument("--output", required=True)
    args = parser.parse_args(argv)
    handlers = {"probe": probe, "config": build_config, "report": report}
    handlers["extension"] = lambda given: sibling("mc_extension").extension(given)
    handlers["contexts"] = lambda given: sibling("mc_per_test").contexts(given)
    result = handlers[args.command](args)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
