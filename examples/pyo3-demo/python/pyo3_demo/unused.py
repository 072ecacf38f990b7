"""Python code that nothing reaches."""


def never_called(x: int) -> int:
    doubled = x * 2
    return doubled + 1
