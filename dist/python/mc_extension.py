"""Where an extension module would be imported from, found without importing anything, and
whether it is instrumented: the `extension` subcommand of mc_coverage.py (the diagnosis of a
silent 0%).

Works on Python 3.9 and later.
"""

from __future__ import annotations

import argparse
import mmap
import os
import sys


def find_spec_without_import(fullname: str, path):
    """The finders' answer for one module, as the import system asks them, loading nothing."""
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is None:
            continue
        try:
            spec = find_spec(fullname, path)
        except Exception:  # a third-party finder that cannot answer this question
            continue
        if spec is not None:
            return spec
    return None


def module_file(name: str) -> str | None:
    """Where `import name` would load the module from, without executing any package.

    importlib.util.find_spec("pkg._native") imports `pkg` first, whose __init__ may import the
    instrumented extension: a profile of the inspection itself. Here each package is only
    located, and its search locations are used for the next part of the name.
    """
    path = None
    spec = None
    parts = name.split(".")
    for depth in range(1, len(parts) + 1):
        spec = find_spec_without_import(".".join(parts[:depth]), path)
        if spec is None:
            return None
        path = spec.submodule_search_locations
        if depth < len(parts) and path is None:
            return None  # a module, not a package
    origin = spec.origin if spec else None
    return origin if origin and os.path.isfile(origin) else None


def is_instrumented(path: str) -> bool:
    """The LLVM profile runtime reads LLVM_PROFILE_FILE; the name survives `strip`, unlike the
    runtime's symbols (__llvm_profile_runtime)."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return False
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(b"LLVM_PROFILE_FILE") != -1


def extension(args: argparse.Namespace) -> dict:
    origin = module_file(args.module)
    if origin is None:
        return {"module": args.module, "file": None}
    return {
        "module": args.module,
        "file": os.path.abspath(origin),
        "instrumented": is_instrumented(origin),
        "mtime": os.path.getmtime(origin),
    }
