import subprocess
import sys


def test_worker_scales_in_a_subprocess():
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyo3_demo.worker", "3"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready 3,6,9"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
