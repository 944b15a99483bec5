"""The title filter's answers, whatever order a view asks in, are those of a plain search."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.content.model import ContentRoot, Topic
from reader.ui.topics.title_filter import TopicFilter


@st.composite
def roots(draw: st.DrawFn) -> ContentRoot:
    """Up to 30 topics, each under an earlier one or at the top, with short titles."""
    topics: dict[str, Topic] = {}
    top_level: list[str] = []
    for number in range(draw(st.integers(1, 30))):
        topic_id = f"t{number}"
        title = draw(st.text(alphabet="abAé ", max_size=5))
        parent_id = draw(st.sampled_from([None, *topics]))
        topics[topic_id] = Topic(topic_id, None, title, parent_id=parent_id)
        (top_level if parent_id is None else topics[parent_id].children).append(topic_id)
    return ContentRoot(Path("/nowhere"), topics, top_level, [])


@settings(max_examples=200, deadline=None)
@given(
    content=roots(),
    typed=st.lists(st.text(alphabet="abAé ", min_size=1, max_size=4), max_size=3),
    data=st.data(),
)
def test_answers_in_any_order_are_those_of_a_plain_search(content, typed, data):
    """Each word is typed a letter at a time; the view's questions come in any order, repeats included."""
    needles = [word[:end] for word in typed for end in range(1, len(word) + 1)]
    _check_answers(content, needles, data)


def _check_answers(content: ContentRoot, needles: list[str], data: st.DataObject) -> None:
    title_filter = TopicFilter(content)
    order = content.walk()

    def subtree(topic_id: str) -> list[str]:
        start = order.index(topic_id)
        return order[start : start + title_filter.subtree_size(topic_id)]

    for needle in needles:
        title_filter.set_text(needle)
        wanted = " ".join(needle.strip().casefold().split("\n"))
        matching_ids = [t for t in order if wanted in content.topics[t].title.casefold()]
        assert title_filter.first_matches(3) == matching_ids[:3]
        for topic_id in data.draw(st.lists(st.sampled_from(order), max_size=40)):
            matching = [t for t in subtree(topic_id) if wanted in content.topics[t].title.casefold()]
            assert title_filter.has_match_within(topic_id) == bool(matching)
            assert title_filter.has_match_below(topic_id) == bool(set(matching) - {topic_id})
            assert title_filter.matches_topic(topic_id) == (topic_id in matching)
        for parent_id in data.draw(st.lists(st.sampled_from([None, *order]), max_size=10)):
            children = content.top_level if parent_id is None else content.topics[parent_id].children
            wanted_children = [child for child in children if any(m in subtree(child) for m in matching_ids)]
            assert title_filter.children_with_match(children) == wanted_children
