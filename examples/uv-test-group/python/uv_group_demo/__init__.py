"""A uv project whose test tools are in the `test` dependency group."""

from uv_group_demo._uvgroup import words


def describe(text):
    count = words(text)
    if count == 0:
        return "empty"
    return "%d words" % count
