import pyo3_demo


def test_checksum_from_rust():
    assert pyo3_demo.checksum(b"ab") == 97 * 31 + 98


def test_describe():
    assert pyo3_demo.describe(b"ab") == "odd:3105"
