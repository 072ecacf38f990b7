"""The action's coverage.py configuration as an INI file, for COVERAGE_RCFILE.

A `coverage run` inside the test command reads its own configuration and data file: it then
measures into the user's data file and pauses the measurement that the start-up hook began in
the same process, so the action would miss what that process ran. Pointed at this file, it
measures what the action measures, into the action's data directory.

The file is written from coverage.py's own table of options and read back with coverage.py;
when it does not read back as the same configuration, it is not used.

Works on Python 3.9 and later.
"""

from __future__ import annotations

import base64
import json

# Where a configuration came from, not what it says; and the *_also lists, which reading a
# configuration folds into exclude_list and partial_list (written already folded).
NOT_SETTINGS = ("config_file", "config_files_attempted", "config_files_read")
FOLDED = ("exclude_also", "partial_also")


def ini_safe_regex(regex: str) -> str:
    # configparser drops continuation lines that start like a comment; [#] is the same regex.
    return "[" + regex[0] + "]" + regex[1:] if regex[:1] in ("#", ";") else regex


def ini_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "".join("\n    " + ini_value(item) for item in value)
    return str(value).replace("$", "$$")  # coverage.py expands $VAR in values


def options_of(config):
    """(attribute, section, option, value) of each setting coverage.py reads from a file."""
    for spec in type(config).CONFIG_FILE_OPTIONS:
        attr, where = spec[0], spec[1]
        value = getattr(config, attr, None)
        if attr.startswith("_") or attr in FOLDED or value is None or value == []:
            continue
        section, option = where.split(":")
        yield attr, section, option, value, (spec[2] if len(spec) > 2 else "")


def ini_text(config) -> str:
    sections: dict[str, list[str]] = {}
    for _attr, section, option, value, _kind in options_of(config):
        sections.setdefault(section, []).append(f"{option} = {ini_value(value)}")
    for index, (_name, paths) in enumerate(sorted((config.paths or {}).items())):
        sections.setdefault("paths", []).append(f"p{index} = {ini_value(paths)}")
    for plugin, options in sorted((config.plugin_options or {}).items()):
        sections[plugin] = [f"{key} = {ini_value(value)}" for key, value in options.items()]
    return "".join(
        f"[{name}]\n" + "".join(line + "\n" for line in lines) + "\n"
        for name, lines in sections.items()
    )


def comparable(config) -> dict:
    data = json.loads(base64.b64decode(config.serialize()))
    for key in NOT_SETTINGS + FOLDED:
        data.pop(key, None)
    data["paths"] = sorted(data.get("paths", {}).values())
    return {key: value for key, value in data.items() if value not in (None, [], {})}


def write_rcfile(config, users_parallel: bool, path: str) -> tuple[str | None, str | None]:
    """Writes `config` for a `coverage run` in the test command to `path`.

    It leaves out patch = subprocess (the start-up hook already measures the subprocesses, and
    that patch forces parallel data files, which a plain `coverage xml` after the run cannot
    read before coverage.py 7.14) and keeps the user's own `parallel`. Returns (path, None),
    or (None, why) when the file does not read back as the same configuration.
    """
    from coverage.config import read_coverage_config

    intended = config.copy()
    intended.patch = [name for name in (intended.patch or []) if name != "subprocess"]
    intended.parallel = users_parallel
    intended.exclude_also, intended.partial_also = [], []
    for attr, _section, _option, value, kind in list(options_of(intended)):
        if kind == "regexlist":
            setattr(intended, attr, [ini_safe_regex(regex) for regex in value])
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(ini_text(intended))
    try:
        read_back = read_coverage_config(config_file=path, warn=lambda message: None)
    except Exception as error:  # a value coverage.py rejects
        return None, f"coverage.py cannot read it back ({error})"
    if comparable(read_back) != comparable(intended):
        return None, "some of its settings cannot be written to an INI file"
    return path, None
