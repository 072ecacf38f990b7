"""pytest plugin that mixed-coverage loads with per-test: true (`-p _mixed_coverage_per_test`,
which the start-up hook next to it adds to PYTEST_ADDOPTS).

Which Rust lines each Python test reaches. The action builds the Rust code with counter
relocation and opens its profiles in LLVM's continuous mode (`%c` in LLVM_PROFILE_FILE): the
counters then live in the profile file, mapped into the process, and reading the file shows
them as they stand. Around pytest's call phase of each test — the span coverage.py's
test_function context covers — the plugin reads the counters of every profile this process
maps and records those that grew, as [index, increase] pairs: one JSON line per test in
$MIXED_COVERAGE_PER_TEST_DIR/pytest-<pid>.jsonl. The action maps them to lines with llvm-cov.

While a test's call phase runs, the environment its subprocesses inherit names the test:
LLVM_PROFILE_FILE puts its tag into their profile names (mct-<tag>-...), COVERAGE_PROCESS_CONFIG
gives their coverage.py the test's context as static context, and MIXED_COVERAGE_TEST holds
the tag, so that a pytest started inside a test records nothing of its own.

Works on Python 3.9 and later, on Linux (the mapped profiles are read from /proc/self/maps).
"""

from __future__ import annotations

import inspect
import json
import os
import struct
import sys

import pytest

_OUTPUT_DIR = "MIXED_COVERAGE_PER_TEST_DIR"
_TEST_TAG = "MIXED_COVERAGE_TEST"
_PROFILE_PATTERN = "LLVM_PROFILE_FILE"
_COVERAGE_CONFIG = "COVERAGE_PROCESS_CONFIG"

# The raw profile header of LLVM 22 (InstrProfData.inc, INSTR_PROF_RAW_VERSION 10): sixteen
# little-endian u64 fields, then binary ids, the per-function data records, padding, counters.
_HEADER = struct.Struct("<16Q")
_MAGIC = 0xFF6C70726F667281
_RAW_VERSION = 10
_BYTE_COVERAGE = 1 << 60
# Counters are compared in blocks first: a test changes few of them.
_BLOCK_BYTES = 4096


def counters_section(header: bytes) -> tuple[int, int] | None:
    """(offset, count) of the u64 counters of a raw profile, or None for a layout not read here."""
    if len(header) < _HEADER.size:
        return None
    fields = _HEADER.unpack_from(header)
    magic, version, binary_ids, data_records, padding, counters = fields[:6]
    value_kind_last = fields[15]
    if magic != _MAGIC or version & 0xFFFFFFFF != _RAW_VERSION or version & _BYTE_COVERAGE:
        return None
    # A data record: six 8-byte fields, NumCounters (u32), NumValueSites[ValueKindLast + 1]
    # (u16 each), NumBitmapBytes (u32), padded to 8 bytes.
    record = 6 * 8 + 4 + 2 * (value_kind_last + 1) + 4
    record += -record % 8
    return _HEADER.size + binary_ids + data_records * record + padding, counters


def increases(before: bytes, after: bytes) -> list[list[int]]:
    """[index, increase] of every counter that differs between two snapshots."""
    found: list[list[int]] = []
    if before == after:
        return found
    for start in range(0, len(after), _BLOCK_BYTES):
        new = after[start : start + _BLOCK_BYTES]
        old = before[start : start + _BLOCK_BYTES]
        if old == new:
            continue
        count = len(new) // 8
        news = struct.unpack("<%dQ" % count, new[: count * 8])
        olds = struct.unpack("<%dQ" % count, old[: count * 8]) if len(old) == len(new) else None
        for offset, value in enumerate(news):
            previous = olds[offset] if olds else 0
            if value != previous:
                found.append([start // 8 + offset, value - previous])
    return found


def mapped_profiles() -> list[str]:
    """The .profraw files this process maps: its own profiles, in continuous mode.

    Read twice per test: as bytes, and only the lines that end in .profraw are split (going
    through every line of a large process's maps took most of the plugin's time).
    """
    try:
        with open("/proc/self/maps", "rb") as maps:
            data = maps.read()
    except OSError:
        return []
    paths = set()
    end = data.find(b".profraw\n")
    while end != -1:
        line = data[data.rfind(b"\n", 0, end) + 1 : end + len(b".profraw")]
        parts = line.split(None, 5)
        if len(parts) == 6:
            paths.add(os.fsdecode(parts[5]))
        end = data.find(b".profraw\n", end + 1)
    return sorted(paths)


class _Profile:
    """One mapped profile: where its counters are, read as they stand."""

    def __init__(self, path: str, offset: int, count: int):
        self.path = path
        self.offset = offset
        self.length = count * 8
        self.descriptor = os.open(path, os.O_RDONLY)

    def counters(self) -> bytes:
        return os.pread(self.descriptor, self.length, self.offset)


def coverage_context(item) -> str | None:
    """The context coverage.py's test_function gives the item's test function (context.py)."""
    function = getattr(item, "obj", None)
    if function is None:
        return None
    bound = getattr(function, "__func__", None)
    if bound is not None and getattr(function, "__self__", None) is not None:
        return "%s.%s" % (bound.__module__, bound.__qualname__)
    code = getattr(inspect.unwrap(function), "__code__", None)
    if code is None:
        return None
    named = getattr(inspect.unwrap(function), "__globals__", {}).get(code.co_name, function)
    return "%s.%s" % (getattr(named, "__module__", None), code.co_name)


class PerTestRecorder:
    def __init__(self, output_dir: str):
        self.pid = os.getpid()
        self.output = os.path.join(output_dir, "pytest-%d.jsonl" % self.pid)
        self.profiles: dict[str, _Profile | None] = {}
        self.modules_seen = -1
        self.sequence = 0
        self.pattern = os.environ.get(_PROFILE_PATTERN)
        self.coverage_config = os.environ.get(_COVERAGE_CONFIG)

    def snapshot(self) -> dict[str, bytes]:
        # A new profile comes with a newly loaded instrumented library, which an import loads:
        # the maps are read again only when the modules changed (reading them costs ~0.3 ms in
        # a large process, twice per test).
        if len(sys.modules) != self.modules_seen:
            self.modules_seen = len(sys.modules)
            for path in mapped_profiles():
                if path not in self.profiles:
                    self.profiles[path] = self._open(path)
        taken = {}
        for path, profile in self.profiles.items():
            if profile is not None:
                taken[path] = profile.counters()
        return taken

    def _open(self, path: str) -> _Profile | None:
        """The profile's counters, or None (said once in the output) when they cannot be read."""
        try:
            with open(path, "rb") as handle:
                section = counters_section(handle.read(_HEADER.size))
            if section:
                return _Profile(path, *section)
            reason = "not a raw profile of version %d with 8-byte counters" % _RAW_VERSION
        except OSError as error:
            reason = str(error)
        self.write({"unreadable": path, "reason": reason})
        return None

    def subprocess_environment(self, tag: str, context: str | None) -> dict[str, str]:
        """What the test's subprocesses inherit while it runs."""
        values = {_TEST_TAG: tag}
        if self.pattern:
            folder, name = os.path.split(self.pattern)
            values[_PROFILE_PATTERN] = os.path.join(folder, "mct-%s-%s" % (tag, name))
        if self.coverage_config and context:
            config = _with_static_context(self.coverage_config, context)
            if config:
                values[_COVERAGE_CONFIG] = config
        return values

    @pytest.hookimpl(hookwrapper=True, trylast=True)
    def pytest_runtest_call(self, item):
        tag = "%d-%d" % (self.pid, self.sequence)
        self.sequence += 1
        context = coverage_context(item)
        names = (_TEST_TAG, _PROFILE_PATTERN, _COVERAGE_CONFIG)
        saved = {name: os.environ.get(name) for name in names}
        os.environ.update(self.subprocess_environment(tag, context))
        before = self.snapshot()
        try:
            yield
        finally:
            after = self.snapshot()
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            self.record(tag, item.nodeid, context, before, after)

    def record(self, tag, nodeid, context, before, after) -> None:
        changed = {}
        for path, counters in after.items():
            grown = increases(before.get(path, b""), counters)
            if grown:
                changed[path] = grown
        self.write({"tag": tag, "nodeid": nodeid, "context": context, "profiles": changed})

    def write(self, line: dict) -> None:
        with open(self.output, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")

    def close(self) -> None:
        for profile in self.profiles.values():
            if profile is not None:
                os.close(profile.descriptor)
        self.profiles.clear()


def _with_static_context(serialized: str, context: str) -> str | None:
    try:
        from coverage.config import CoverageConfig

        config = CoverageConfig.deserialize(serialized)
        config.context = "%s|%s" % (config.context, context) if config.context else context
        return config.serialize()
    except Exception:  # an unreadable configuration: the subprocesses keep the one they have
        return None


def pytest_configure(config):
    output_dir = os.environ.get(_OUTPUT_DIR)
    # Inside a test's subprocess the whole process belongs to that test.
    if not output_dir or os.environ.get(_TEST_TAG):
        return
    config.pluginmanager.register(PerTestRecorder(output_dir), "mixed-coverage-per-test")


def pytest_unconfigure(config):
    recorder = config.pluginmanager.get_plugin("mixed-coverage-per-test")
    if recorder is not None:
        recorder.close()
