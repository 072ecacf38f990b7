"""Python front of the demo: a thin layer over the Rust extension."""

from pyo3_demo._native import checksum

__all__ = ["checksum", "describe"]


def describe(data: bytes) -> str:
    """Reached by pytest."""
    value = checksum(data)
    if value % 2 == 0:
        return f"even:{value}"
    return f"odd:{value}"
