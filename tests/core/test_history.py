"""Back/Forward history: visiting, stepping, and keeping what still exists after a reload."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from reader.core.history import History


def visited(*topic_ids: str) -> History:
    history = History()
    for topic_id in topic_ids:
        history.visit(topic_id)
    return history


def test_visiting_drops_the_forward_places() -> None:
    history = visited("a", "b", "c")
    assert history.back() is not None
    history.visit("d")
    assert not history.can_go_forward()
    assert [history.back().topic_id, history.back().topic_id] == ["b", "a"]  # type: ignore[union-attr]


def test_retain_forgets_removed_topics_and_keeps_the_current_place() -> None:
    history = visited("a", "gone", "b", "c")
    history.back()  # at b
    history.retain({"a", "b", "c"})
    assert history.current is not None
    assert history.current.topic_id == "b"
    assert history.back().topic_id == "a"  # type: ignore[union-attr]
    assert not history.can_go_back()


def test_retain_moves_a_removed_current_place_to_the_one_before_and_merges_neighbours() -> None:
    history = visited("a", "x", "a", "gone")
    history.retain({"a", "x"})
    assert history.current is not None
    assert history.current.topic_id == "a"
    assert history.back().topic_id == "x"  # type: ignore[union-attr]
    history = visited("a", "gone", "a")
    history.retain({"a"})
    assert not history.can_go_back()
    assert not history.can_go_forward()
    history = visited("gone")
    history.retain(set())
    assert history.current is None


@given(
    st.lists(st.sampled_from("abcdef"), min_size=1, max_size=30),
    st.integers(0, 30),
    st.sets(st.sampled_from("abcdef")),
)
def test_retain_leaves_only_kept_topics_and_a_valid_position(visits, backs, kept) -> None:
    history = visited(*visits)
    for _ in range(backs):
        history.back()
    history.retain(kept)
    places = []
    while history.back() is not None:
        pass
    if history.current is not None:
        places.append(history.current.topic_id)
    while (place := history.forward()) is not None:
        places.append(place.topic_id)
    assert all(topic_id in kept for topic_id in places)
    assert all(a != b for a, b in itertools.pairwise(places))
    assert (history.current is None) == (not places)
