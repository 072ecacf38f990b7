"""Start-up hook that mixed-coverage puts first on PYTHONPATH for the Python test command.

1. Starts coverage.py in every Python process of the test run, from the configuration in
   COVERAGE_PROCESS_CONFIG (coverage.py's own process_startup; it does nothing when coverage
   is already running or the variable is absent).
2. Turns SIGTERM into a normal interpreter exit. A process killed by the default SIGTERM
   action never runs C-level exit handlers, so a Rust extension's LLVM profile is never
   written and the Rust code it ran is lost. Raising SystemExit lets Python finish, save
   coverage.py's data through atexit, and then the LLVM runtime writes its profile. The
   exit status becomes 143 (128 + SIGTERM) instead of death by signal. A handler the code
   under test installs itself replaces this one, as usual.
3. Hands over to the sitecustomize this one shadows, if there is one.
"""

import os
import sys


def _start_coverage():
    if not (os.environ.get("COVERAGE_PROCESS_CONFIG") or os.environ.get("COVERAGE_PROCESS_START")):
        return
    try:
        import coverage
    except ImportError:
        return
    coverage.process_startup()


def _exit_on_sigterm():
    if os.environ.get("MIXED_COVERAGE_SIGTERM") != "1":
        return
    try:
        import signal
        import threading
    except ImportError:
        return
    if not hasattr(signal, "SIGTERM") or threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous not in (signal.SIG_DFL, None) and getattr(previous, "__name__", "") != "_on_sigterm":
        return  # someone chose a handler on purpose; leave it alone

    def _mixed_coverage_sigterm(signum, frame):
        # A second SIGTERM while shutting down falls back to the previous behaviour.
        signal.signal(signal.SIGTERM, previous if callable(previous) else signal.SIG_DFL)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _mixed_coverage_sigterm)


def _chain_to_shadowed_sitecustomize():
    here = os.path.dirname(os.path.abspath(__file__))
    import importlib.machinery
    import importlib.util

    search = [p for p in sys.path if os.path.abspath(p or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", search)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


_start_coverage()
_exit_on_sigterm()
_chain_to_shadowed_sitecustomize()
