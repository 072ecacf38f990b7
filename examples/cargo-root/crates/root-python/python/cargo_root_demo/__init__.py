"""The Python side of a maturin project below the Cargo workspace root."""

from cargo_root_demo._cargoroot import triangle


def triangle_label(n):
    value = triangle(n)
    if value > 100:
        return "big"
    return "small"
