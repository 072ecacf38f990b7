import os

from uv_group_demo import describe


def test_counts_words_in_rust():
    assert describe("one two three") == "3 words"


def test_fails_when_asked():
    # A failing test on request: the action must still report everything measured.
    assert not os.environ.get("SHAPE_FAIL"), "SHAPE_FAIL is set"
