"""Problems: the one shape in which the core reports bad content."""

from __future__ import annotations

from reader.core.problems import Problem


def test_problem_reads_path_line_message():
    assert str(Problem("a/b.md", 3, "no summary")) == "a/b.md:3: no summary"
    assert sorted([Problem("b.md", 1, "x"), Problem("a.md", 2, "y")])[0].path == "a.md"
