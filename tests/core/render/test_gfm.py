"""GitHub's list indentation and other generators' macros, as the renderer reads them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.render.gfm import find_macros, macro_text, reindent_lists, strip_macros


def test_code_in_numbered_steps_moves_under_the_step():
    text = "1. Run:\n\n   ```bash\n   # comment\n   ls\n   ```\n\n2. Next\n"
    assert reindent_lists(text) == "1. Run:\n\n    ```bash\n    # comment\n    ls\n    ```\n\n\n2. Next\n"


def test_two_space_nesting_becomes_four():
    text = "- a\n  - b\n    - c\n- d\n"
    assert reindent_lists(text) == "- a\n    - b\n        - c\n- d\n"


def test_a_fence_right_after_the_item_text_gets_its_own_block():
    text = "1. Install:\n   ```\n   pip\n   ```\n   Then check.\n"
    assert reindent_lists(text) == "1. Install:\n\n    ```\n    pip\n    ```\n\n    Then check.\n"


def test_text_outside_lists_is_left_alone():
    text = "# Title\n\n    indented code\n    - not a list\n\n```\n- in a fence\n  - still\n```\n"
    assert reindent_lists(text) == text


_lines = st.lists(
    st.sampled_from(
        ["- a", "  - b", "    - c", "1. one", "   text", "   ```", "```", "", "para", "\tx", "> q"]
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(_lines)
def test_reindenting_keeps_every_word_in_order(lines):
    text = "\n".join(lines)
    result = reindent_lists(text)
    assert [line.strip() for line in result.split("\n") if line.strip()] == [
        line.strip() for line in text.expandtabs(4).split("\n") if line.strip()
    ]


def test_macros_show_their_meaning_or_nothing():
    assert macro_text('{{Glossary("HTTP")}}') == "HTTP"
    assert macro_text("{{ domxref('Window.fetch') }}") == "Window.fetch"
    assert macro_text('{{EmbedLiveSample("demo", 300)}}') == ""
    assert macro_text("{{LearnSidebar}}") == ""
    assert macro_text("{{< hint info >}}") == ""
    assert macro_text('{% include "x.html" %}') == ""
    assert strip_macros("See {{Glossary('ORM')}} and `{{ kept }}`.") == "See ORM and `{{ kept }}`."
    assert find_macros("`{% url 'x' %}` {% tag %}") == [(16, "{% tag %}")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="{}%<>() \"'abc`\n", max_size=80))
def test_stripping_macros_never_raises_and_leaves_no_whole_macro(text):
    assert find_macros(strip_macros(text)) == [] or "`" in text or "{" in strip_macros(text)


def test_search_text_has_no_macros_but_code_keeps_them():
    from reader.core.search.plaintext import topic_plain_text

    text = (
        '---\ntitle: "T"\ntags:\n  - a\n---\n{{LearnSidebar}}\nSee {{Glossary("HTTP")}}.\n\n'
        "```django\n{% block a %}\n```\n"
    )
    assert topic_plain_text(text) == "See HTTP. {% block a %}"


def test_jekyll_raw_blocks_and_highlight_tags():
    from reader.core.render.gfm import highlight_tags_to_fences

    assert strip_macros("Use {% raw %}{{ page.title }}{% endraw %} here.") == "Use {{ page.title }} here."
    assert find_macros("{% raw %}{{ x }}{% endraw %}") == []
    text = "{% highlight python %}\nx = 1\n{% endhighlight %}\n"
    assert highlight_tags_to_fences(text) == "```python\nx = 1\n```\n"


def test_a_list_may_interrupt_a_paragraph_as_on_github():
    assert reindent_lists("Some text:\n- a\n- b\n") == "Some text:\n\n- a\n- b\n"
    assert (
        reindent_lists("1. Step:\n\n   ![x](x.png)\n2. Next\n") == "1. Step:\n\n    ![x](x.png)\n\n2. Next\n"
    )
    assert reindent_lists("The year\n1986. was good\n") == "The year\n1986. was good\n"  # only 1. interrupts
    assert reindent_lists("text\n\n- - -\n") == "text\n\n- - -\n"  # a thematic break, not an item


def test_a_macro_with_shown_text_shows_that_text():
    assert macro_text('{{glossary("MVC", "Model View Controller")}}') == "Model View Controller"
    assert macro_text("{{domxref('Element/click_event', 'click')}}") == "click"


def test_hostile_braces_backticks_and_fences_stay_linear():
    # Each of these took minutes with unbounded lazy patterns; the suite's timeout catches a regression.
    from reader.core.search.plaintext import topic_plain_text

    for text in (
        "{{ " * 60000,
        "`a " * 60000 + "{{x}}",
        "```a\n" * 30000 + "{{x}} {%y%}",
        "{% raw %} " * 30000,
    ):
        assert "{{x}}" not in strip_macros(text)
        topic_plain_text(text)
        reindent_lists(text)
