"""Start-up hook that mixed-coverage puts first on PYTHONPATH for the Python test command.

1. Starts coverage.py in the Python processes of the test run, from the configuration in
   COVERAGE_PROCESS_CONFIG (coverage.py's own process_startup; it does nothing when coverage
   is already running or the variable is absent). With MIXED_COVERAGE_SUBPROCESS=0 only the
   processes the test command starts itself are measured, not the processes they start:
   COVERAGE_PROCESS_CONFIG is taken out of their environment.
2. With MIXED_COVERAGE_SIGTERM=1 (POSIX only), turns SIGTERM into an exit that writes both
   kinds of coverage data. A process killed by the default SIGTERM action runs no exit
   handler at all: coverage.py never saves its data and the LLVM runtime of a Rust extension
   never writes its profile (it does that from a C atexit handler). The handler here runs
   Python's atexit functions (coverage.py saves there), flushes stdout and stderr, and calls
   the C library's exit(128 + signum), which runs the C atexit handlers. It raises nothing,
   so no `except BaseException` or `finally` in the code under test can swallow it: the
   process ends as promptly as with the default action, with status 143 instead of death by
   signal. It is installed only where SIGTERM has no handler yet (or coverage.py's own),
   so a handler of the code under test is left alone, and one installed later replaces it.
3. With MIXED_COVERAGE_PER_TEST_DIR set (per-test: true), asks pytest to load the per-test
   plugin next to this hook (`-p _mixed_coverage_per_test` in PYTEST_ADDOPTS): only where this
   hook runs is the plugin importable, and a pytest that cannot import a `-p` plugin fails.
4. Hands over to the sitecustomize this one shadows, if there is one.

Works on Python 3.9 and later.
"""

import os
import sys

_HERE = os.path.normcase(os.path.realpath(os.path.dirname(os.path.abspath(__file__))))


def _start_coverage():
    own_processes_only = os.environ.get("MIXED_COVERAGE_SUBPROCESS") == "0"
    if own_processes_only and not _measured_here():
        return
    if os.environ.get("COVERAGE_PROCESS_CONFIG") or os.environ.get("COVERAGE_PROCESS_START"):
        try:
            import coverage
        except ImportError:
            return
        coverage.process_startup()
    if own_processes_only:
        # A .pth file starts coverage.py in any process that inherits the variable, before this
        # hook runs (recent coverage.py installs one, a1_coverage.pth): children must not get it.
        os.environ.pop("COVERAGE_PROCESS_CONFIG", None)


def _measured_here():
    """With MIXED_COVERAGE_SUBPROCESS=0: is this a process the test command starts itself?

    The first Python process of a line of descent is; the processes it starts are not. One
    that execs another program (`poetry run pytest`) keeps its pid, and the program it
    becomes is measured in its place, with the configuration kept aside for it.
    """
    pid = str(os.getpid())
    measured = os.environ.get("MIXED_COVERAGE_MEASURED_PID")
    if measured is None:
        os.environ["MIXED_COVERAGE_MEASURED_PID"] = pid
        config = os.environ.get("COVERAGE_PROCESS_CONFIG")
        if config:
            os.environ["MIXED_COVERAGE_PROCESS_CONFIG"] = config
        return True
    if measured != pid:
        return False
    if "MIXED_COVERAGE_PROCESS_CONFIG" in os.environ:
        os.environ["COVERAGE_PROCESS_CONFIG"] = os.environ["MIXED_COVERAGE_PROCESS_CONFIG"]
    return True


def _is_coverage_handler(handler):
    """coverage.py's own SIGTERM handler (`[run] sigterm`), which saves and re-kills."""
    owner = getattr(handler, "__self__", None)
    from_coverage = type(owner).__module__.startswith("coverage")
    return getattr(handler, "__name__", "") == "_on_sigterm" and from_coverage


def _flush_standard_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except Exception:  # a closed or broken stream must not stop the exit
            pass


def _save_coverage_of_fork_child():
    """A fork child shares the parent's atexit list; it saves its own coverage.py data only."""
    coverage = sys.modules.get("coverage")
    current = getattr(getattr(coverage, "Coverage", None), "current", None)
    cov = current() if current else None
    if cov is None:
        return
    try:
        cov.stop()
        cov.save()
    except Exception as error:  # the LLVM profile is still to be written
        sys.stderr.write("mixed-coverage: coverage.py data not saved: %r\n" % (error,))


def _c_exit(status):
    """exit() of the C library: runs the C atexit handlers, where the LLVM runtime writes."""
    import ctypes

    # PyDLL keeps the GIL during the call: no other Python thread runs while C exit handlers
    # do, as in a normal interpreter exit.
    libc_exit = ctypes.PyDLL(None).exit
    libc_exit.argtypes = [ctypes.c_int]
    libc_exit(status)


def _exit_on_sigterm():
    if os.environ.get("MIXED_COVERAGE_SIGTERM") != "1" or os.name != "posix":
        return
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL and not _is_coverage_handler(previous):
        return  # the code under test chose a handler on purpose; leave it alone
    started_in = os.getpid()

    def _mixed_coverage_sigterm(signum, frame):
        with _SIGTERM_STATE["lock"]:
            _SIGTERM_STATE["handling"] = True
            # A second SIGTERM while this one shuts down kills at once, as the default would.
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        status = 128 + signum
        try:
            if os.getpid() == started_in:
                import atexit

                atexit._run_exitfuncs()
            else:
                _save_coverage_of_fork_child()
            _flush_standard_streams()
            _c_exit(status)
        except BaseException as error:  # noqa: BLE001 - the process must end either way
            sys.stderr.write("mixed-coverage: exit without C exit handlers: %r\n" % (error,))
        # Only reached when the C exit failed: end without the C exit handlers.
        _flush_standard_streams()
        os._exit(status)

    signal.signal(signal.SIGTERM, _mixed_coverage_sigterm)
    _watch_for_sigterm(_mixed_coverage_sigterm)
    if hasattr(os, "register_at_fork"):
        # Threads do not survive a fork, and the child must not share the parent's pipe.
        os.register_at_fork(after_in_child=lambda: _watch_for_sigterm(_mixed_coverage_sigterm))


_SIGTERM_STATE = {"handling": False, "lock": None, "pipe": None}

# How long the main thread has to start the handler before SIGTERM is sent to it directly.
_HANDLER_GRACE_SECONDS = 0.05


def _watch_for_sigterm(handler):
    """Makes sure the SIGTERM handler runs when the kernel gave the signal to another thread.

    Python runs signal handlers in the main thread only. The kernel may deliver a SIGTERM to any
    thread that does not block it (always another one while the main thread is inside
    pthread_create, which blocks every signal). Python then may not even tell the main thread
    (3.11 marks the signal for it without waking its evaluation loop), and a main thread in a
    blocking call (sleep, a lock, a queue, reading a pipe) sleeps on, where the default action
    would have ended the process. The
    signal's wake-up byte (signal.set_wakeup_fd) reaches a watcher thread instead, which gives
    the main thread a moment, then sends it the signal itself: its call is interrupted and the
    handler runs. Only while this handler is still installed and has not started; a wake-up fd
    set by someone else (asyncio sets its own) is left in place, and nothing is watched.
    """
    import signal
    import threading

    if _SIGTERM_STATE["lock"] is None:
        _SIGTERM_STATE["lock"] = threading.Lock()
    try:
        read_end, write_end = os.pipe()
        os.set_blocking(write_end, False)
        previous = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    except (OSError, ValueError):  # no pipe, or not the main thread: nothing to watch with
        return
    inherited = _SIGTERM_STATE["pipe"]
    if previous != -1 and (inherited is None or previous != inherited[1]):
        signal.set_wakeup_fd(previous)
        os.close(read_end)
        os.close(write_end)
        return
    if inherited is not None:  # a fork child: the parent's pipe is the parent's watcher's
        for end in inherited:
            _close_quietly(end)
    _SIGTERM_STATE["pipe"] = (read_end, write_end)
    import _thread

    # A bare thread: not in threading.enumerate() or active_count(), which tests may count.
    _thread.start_new_thread(
        _resend_undelivered_sigterm, (read_end, threading.main_thread().ident, handler)
    )


def _close_quietly(descriptor):
    try:
        os.close(descriptor)
    except OSError:
        pass


def _resend_undelivered_sigterm(read_end, main, handler):
    import signal
    import time

    while True:
        try:
            received = os.read(read_end, 64)
        except OSError:
            return
        if not received:
            return
        if signal.SIGTERM not in received:
            continue
        time.sleep(_HANDLER_GRACE_SECONDS)
        with _SIGTERM_STATE["lock"]:
            if _SIGTERM_STATE["handling"] or signal.getsignal(signal.SIGTERM) is not handler:
                continue
            signal.pthread_kill(main, signal.SIGTERM)


def _chain_to_shadowed_sitecustomize():
    import importlib.machinery
    import importlib.util

    def other_entry(entry):
        return os.path.normcase(os.path.realpath(entry or ".")) != _HERE

    spec = importlib.machinery.PathFinder.find_spec(
        "sitecustomize", [p for p in sys.path if isinstance(p, str) and other_entry(p)]
    )
    if spec is None or spec.loader is None or not spec.origin:
        return
    if not other_entry(os.path.dirname(spec.origin)):
        return  # this hook again, under another name of its directory
    module = importlib.util.module_from_spec(spec)
    # `import sitecustomize` elsewhere then finds the user's module, as without this hook.
    sys.modules["sitecustomize"] = module
    spec.loader.exec_module(module)


def _request_per_test_plugin():
    if not os.environ.get("MIXED_COVERAGE_PER_TEST_DIR"):
        return
    options = os.environ.get("PYTEST_ADDOPTS", "")
    if "_mixed_coverage_per_test" not in options.split():
        os.environ["PYTEST_ADDOPTS"] = (options + " -p _mixed_coverage_per_test").strip()


_start_coverage()
_exit_on_sigterm()
_request_per_test_plugin()
_chain_to_shadowed_sitecustomize()
