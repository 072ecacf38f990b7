"""Helper that mixed-coverage runs inside the interpreter the tests use.

It speaks JSON on stdout and never prints anything else there. Subcommands:

  probe                  what this interpreter has (versions of coverage, pytest-cov, ...)
  config                 the user's coverage.py configuration, read by coverage.py itself,
                         with the action's settings layered on top, serialized for
                         COVERAGE_PROCESS_CONFIG
  report                 combine the parallel data files and write coverage.py's JSON report
  extension              where an extension module is imported from and whether it is
                         instrumented (for the diagnosis of a silent 0%)

Works on Python 3.9 and later; needs coverage >= 7.10 for config and report.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import sysconfig


def version_of(distribution: str) -> str | None:
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover - Python < 3.8
        return None
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


def build_config(args: argparse.Namespace) -> dict:
    from coverage.config import read_coverage_config

    warnings: list[str] = []
    config = read_coverage_config(config_file=True, warn=warnings.append)
    pyproject = read_pyproject(args.project)
    detected, package, module_name = default_source(args.project, pyproject)
    if args.source:
        source, origin = [os.path.abspath(s) if os.path.exists(s) else s for s in args.source], "input"
    elif config.source or config.source_pkgs or config.run_include:
        source, origin = list(config.source or []), "user-config"
    elif detected:
        source, origin = detected, "pyproject"
    else:
        source, origin = [], "none"
    if origin in ("input", "pyproject"):
        config.source = source
    config.data_file = args.data_file
    config.parallel = True
    if args.subprocess:
        config.patch = sorted(set(config.patch or []) | {"subprocess"})
        config.sigterm = True
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
    return {
        "serialized": serialized,
        "source": source,
        "source_origin": origin,
        "config_files_read": list(config.config_files_read),
        "package": package,
        "extension_module": module_name,
        "branch": bool(config.branch),
        "warnings": warnings,
    }


def report(args: argparse.Namespace) -> dict:
    import glob

    import coverage

    config_data = os.environ.get("MIXED_COVERAGE_CONFIG", "")
    cov = coverage.Coverage(config_file=":data:" + config_data)
    data_file = cov.config.data_file
    pieces = glob.glob(data_file + ".*")
    if not pieces and not os.path.exists(data_file):
        return {"data_files": 0, "measured_files": 0}
    if pieces:
        cov.combine(data_paths=pieces, keep=args.keep)
        cov.save()
    cov.load()
    measured = len(cov.get_data().measured_files())
    if measured:
        cov.json_report(outfile=args.json, show_contexts=args.contexts)
        if args.html:
            cov.html_report(directory=args.html, show_contexts=args.contexts)
    return {"data_files": len(pieces), "measured_files": measured}


def extension(args: argparse.Namespace) -> dict:
    spec = importlib.util.find_spec(args.module)
    origin = spec.origin if spec else None
    if not origin or not os.path.exists(origin):
        return {"module": args.module, "file": None}
    with open(origin, "rb") as handle:
        instrumented = b"__llvm_profile_runtime" in handle.read()
    return {
        "module": args.module,
        "file": os.path.abspath(origin),
        "instrumented": instrumented,
        "mtime": os.path.getmtime(origin),
    }


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
    rep = commands.add_parser("report")
    rep.add_argument("--json", required=True)
    rep.add_argument("--keep", action="store_true")
    rep.add_argument("--contexts", action="store_true")
    rep.add_argument("--html", help="also write coverage.py's HTML report into this directory")
    ext = commands.add_parser("extension")
    ext.add_argument("--module", required=True)
    args = parser.parse_args(argv)
    handlers = {"probe": probe, "config": build_config, "report": report, "extension": extension}
    result = handlers[args.command](args)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
