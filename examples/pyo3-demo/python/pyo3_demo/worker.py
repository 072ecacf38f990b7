"""A long-running worker, started by a test as a subprocess and stopped with SIGTERM."""

import sys
import time

from pyo3_demo._native import worker_scale


def main(argv: list[str]) -> int:
    """Reached only inside the worker subprocess."""
    factor = int(argv[1]) if len(argv) > 1 else 2
    result = worker_scale([1, 2, 3], factor)
    print("ready", ",".join(str(v) for v in result), flush=True)
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
