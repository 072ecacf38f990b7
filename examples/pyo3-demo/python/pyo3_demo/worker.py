"""A long-running worker, started by a test as a subprocess and stopped with SIGTERM."""

import sys
import time

from pyo3_demo._native import worker_scale


def main(argv: list[str]) -> int:
    """Reached only inside the worker subprocess."""
    factor = int(argv[1]) if len(argv) > 1 else 2
    result = worker_scale([1, 2, 3], factor)
    rounds = 0
    while True:
        rounds += 1
        if rounds == 2:
            # Announce on the second round: every line of the loop has run by then, so what
            # coverage records does not depend on when the SIGTERM arrives.
            print("ready", ",".join(str(v) for v in result), flush=True)
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
