"""Counted nouns for messages: ``plural(1, "match")`` is "1 match", ``plural(2, "match")`` "2 matches"."""

from __future__ import annotations

_ES_ENDINGS = ("s", "x", "z", "ch", "sh")


def plural(count: int, noun: str, many: str = "") -> str:
    """``count`` followed by ``noun``, or by its plural when ``count`` is not 1.

    The plural is ``many`` when given, else ``noun`` + "es" after s/x/z/ch/sh, else + "s".
    """
    if count == 1:
        return f"{count} {noun}"
    if not many:
        many = noun + ("es" if noun.endswith(_ES_ENDINGS) else "s")
    return f"{count} {many}"
