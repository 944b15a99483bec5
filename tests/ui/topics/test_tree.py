"""The topic tree: its hand-written model passes QAbstractItemModelTester; filtering and choosing topics."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, qInstallMessageHandler
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester

from reader.core.content.loader import ContentRoot, load_content
from reader.ui.topics.topic_model import TOPIC_ID_ROLE, TopicModel
from reader.ui.topics.tree import TopicTreeView
from tests.helpers.content import topic

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

NESTED = {
    "index.md": topic("Welcome", order=0),
    "intro.md": topic("Introduction", order=1),
    "request-flow/index.md": topic("How a request flows", order=2),
    "request-flow/middleware.md": topic("Middleware", order=1),
    "request-flow/views/index.md": topic("Views", order=2),
    "request-flow/views/generic.md": topic("Generic views", order=1),
    "request-flow/views/mixins.md": topic("Mixins", order=2),
    "security/index.md": topic("Security", order=3),
    "security/csrf.md": topic("CSRF protection", order=1),
    "broken.md": "---\ntitle: Broken\norder: twelve\nnot a key\n---\n\nBody.",
}
CHANGED = {
    "index.md": topic("Welcome back", order=0),
    "security/index.md": topic("Security", order=1),
    "security/sessions.md": topic("Sessions", order=1),
    "security/csrf.md": topic("CSRF protection", order=2),
    "security/deep/index.md": topic("Deeper", order=3),
    "security/deep/more.md": topic("Deeper still", order=1),
}


@pytest.fixture
def nested(make_content: Callable[[dict[str, str | bytes]], Path]) -> ContentRoot:
    return load_content(make_content(NESTED))


@pytest.fixture
def changed(tmp_path: Path) -> ContentRoot:
    root = tmp_path / "changed"
    for relative, text in CHANGED.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return load_content(root)


def watch(model: QAbstractItemModel) -> QAbstractItemModelTester:
    """Check ``model`` now and after every change; keep the tester referenced or it stops checking."""
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)


def model_warnings(qtlog) -> list[str]:
    """What QAbstractItemModelTester reported (pytest-qt also fails any test with such a warning)."""
    return [record.message for record in qtlog.records if record.context.category == "qt.modeltest"]


def all_ids(model, parent: QModelIndex | None = None) -> list[str]:
    parent = parent if parent is not None else QModelIndex()
    found: list[str] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        found.append(index.data(TOPIC_ID_ROLE))
        found.extend(all_ids(model, index))
    return found


def test_the_model_passes_the_model_tester_through_content_changes(
    qtlog, nested: ContentRoot, changed: ContentRoot
) -> None:
    model = TopicModel()
    tester = watch(model)
    model.set_content(nested, QColor("#888888"))
    assert sorted(all_ids(model)) == sorted(nested.topics)
    assert all_ids(model)[:3] == ["index", "intro", "request-flow"]
    views = model.index_for("request-flow/views")
    assert views.parent().data(TOPIC_ID_ROLE) == "request-flow"
    assert [model.index(r, 0, views).data(TOPIC_ID_ROLE) for r in range(model.rowCount(views))] == [
        "request-flow/views/generic",
        "request-flow/views/mixins",
    ]
    kept = QPersistentModelIndex(views)
    model.set_content(changed, QColor("#888888"))
    assert not kept.isValid()  # a reset invalidates what views held on to
    assert sorted(all_ids(model)) == sorted(changed.topics)
    assert model_warnings(qtlog) == []
    del tester


def test_the_tree_passes_the_model_tester_while_filtering_and_reloading(
    qtbot, qtlog, nested: ContentRoot, changed: ContentRoot
) -> None:
    tree = TopicTreeView()
    qtbot.addWidget(tree)
    source = tree.model()
    assert isinstance(source, TopicModel)
    source_tester = watch(source)
    tree.set_content(nested)
    tree.set_filter("mix")
    assert tree.model() is source  # the model filters itself: no proxy mapping every row
    assert tree.visible_topic_ids() == ["request-flow", "request-flow/views", "request-flow/views/mixins"]
    tree.set_filter("CSRF")  # a filter change
    assert tree.visible_topic_ids() == ["security", "security/csrf"]
    tree.set_content(changed)  # a content change under the filter
    assert tree.visible_topic_ids() == ["security", "security/csrf"]
    tree.set_filter("deeper")
    assert tree.visible_topic_ids() == ["security", "security/deep", "security/deep/more"]
    tree.set_filter("")
    assert tree.model() is source
    assert sorted(tree.visible_topic_ids()) == sorted(changed.topics)
    assert model_warnings(qtlog) == []
    del source_tester


@pytest.mark.no_qt_log  # pytest-qt would fail this test on the very warnings it expects
def test_the_model_tester_check_can_fail(nested: ContentRoot) -> None:
    """The checks above would catch a broken model: one whose children claim no parent is reported."""

    class Orphaning(TopicModel):
        def parent(self, index=QModelIndex()):  # type: ignore[no-untyped-def, override]  # noqa: B008
            return QModelIndex()

    categories: list[str] = []
    previous = qInstallMessageHandler(lambda _type, context, _message: categories.append(context.category))
    try:
        model = Orphaning()
        tester = watch(model)
        model.set_content(nested, QColor())
        del tester
    finally:
        qInstallMessageHandler(previous)
    assert "qt.modeltest" in categories


def test_choosing_a_topic_announces_it_and_following_navigation_does_not(qtbot, nested: ContentRoot) -> None:
    tree = TopicTreeView()
    qtbot.addWidget(tree)
    tree.set_content(nested)
    tree.show()
    qtbot.waitExposed(tree)
    with qtbot.assertNotEmitted(tree.topic_requested):
        tree.select_topic("security/csrf")
    assert tree.currentIndex().data(TOPIC_ID_ROLE) == "security/csrf"
    tree.setFocus()
    with qtbot.waitSignal(tree.topic_requested, timeout=1000) as requested:
        qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert requested.args == ["security"]
    with qtbot.waitSignal(tree.topic_requested, timeout=1000) as requested:
        tree.activated.emit(tree.index_of("intro"))
    assert requested.args == ["intro"]


def test_a_filtered_out_topic_marks_nothing(qtbot, nested: ContentRoot) -> None:
    tree = TopicTreeView()
    qtbot.addWidget(tree)
    tree.set_content(nested)
    tree.set_filter("csrf")
    tree.select_topic("intro")
    assert not tree.currentIndex().isValid()
    tree.set_filter("")
    assert tree.currentIndex().data(TOPIC_ID_ROLE) == "intro"  # marked again once the filter is gone


def test_a_match_shows_its_ancestors_opened_and_its_descendants(qtbot, nested: ContentRoot) -> None:
    tree = TopicTreeView()
    qtbot.addWidget(tree)
    tree.set_content(nested)
    tree.set_filter("  VIEWS ")  # any case, blanks ignored
    assert tree.visible_topic_ids() == [
        "request-flow",
        "request-flow/views",
        "request-flow/views/generic",  # under a match, so shown although "Generic views" matches too
        "request-flow/views/mixins",  # under a match: shown
    ]
    assert tree.isExpanded(tree.index_of("request-flow"))
    assert tree.isExpanded(tree.index_of("request-flow/views"))
    assert not tree.index_of("intro").isValid()


def test_the_marked_topic_stays_marked_through_filtering_and_clearing(qtbot, nested: ContentRoot) -> None:
    tree = TopicTreeView()
    qtbot.addWidget(tree)
    tree.set_content(nested)
    tree.show()
    qtbot.waitExposed(tree)
    tree.select_topic("request-flow/views/mixins")
    with qtbot.assertNotEmitted(tree.topic_requested):
        tree.set_filter("mi")
        assert tree.currentIndex().data(TOPIC_ID_ROLE) == "request-flow/views/mixins"
        tree.set_filter("mix")
        assert tree.currentIndex().data(TOPIC_ID_ROLE) == "request-flow/views/mixins"
        tree.set_filter("")
    assert tree.currentIndex().data(TOPIC_ID_ROLE) == "request-flow/views/mixins"
    assert sorted(tree.visible_topic_ids()) == sorted(nested.topics)
    assert tree.isExpanded(tree.index_of("request-flow/views"))  # its ancestors opened to show it


def test_the_filtered_rows_are_painted(qtbot, nested: ContentRoot) -> None:
    """What the user sees: the painted rows are exactly the filtered ones, in tree order."""
    tree = TopicTreeView()
    qtbot.addWidget(tree)
    tree.resize(300, 400)
    tree.set_content(nested)
    tree.show()
    qtbot.waitExposed(tree)
    tree.set_filter("csrf")
    tree.viewport().repaint()
    painted = []
    index = tree.indexAt(tree.viewport().rect().topLeft())
    while index.isValid():
        painted.append(index.data(TOPIC_ID_ROLE))
        index = tree.indexBelow(index)
    assert painted == ["security", "security/csrf"]
    assert tree.visualRect(tree.index_of("security/csrf")).intersects(tree.viewport().rect())


titles = st.text(alphabet="abcAB é", min_size=1, max_size=6)


@st.composite
def trees(draw: st.DrawFn) -> dict[str, str | bytes]:
    """A random content root: up to 12 topics in folders nested up to three deep."""
    files: dict[str, str | bytes] = {}
    for number in range(draw(st.integers(1, 12))):
        folders = draw(st.lists(st.sampled_from(["f", "g"]), max_size=3))
        folder = "/".join(folders)
        if folder and f"{folder}/index.md" not in files:
            files[f"{folder}/index.md"] = topic(draw(titles), order=0)
        files[f"{folder}/t{number}.md" if folder else f"t{number}.md"] = topic(draw(titles), order=number + 1)
    return files


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=trees(), needle=st.text(alphabet="abAé ", max_size=3))
def test_the_filter_shows_exactly_matches_their_ancestors_and_descendants(
    qtbot, qtlog, tmp_path_factory, files: dict[str, str | bytes], needle: str
) -> None:
    root = tmp_path_factory.mktemp("root")
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(str(text), encoding="utf-8")
    content = load_content(root)
    tree = TopicTreeView()
    qtbot.addWidget(tree)
    tester = watch(tree.model())
    tree.set_content(content)
    tree.set_filter(needle[:1])  # typing on narrows the previous matches
    tree.set_filter(needle)

    def ancestors(topic_id: str) -> list[str]:
        found, parent = [], content.topics[topic_id].parent_id
        while parent is not None:
            found.append(parent)
            parent = content.topics[parent].parent_id
        return found

    wanted = needle.strip().casefold()
    matches = (
        {t for t in content.topics if wanted in content.topics[t].title.casefold()}
        if wanted
        else set(content.topics)
    )
    expected = matches | {a for t in matches for a in ancestors(t)}
    expected |= {t for t in content.topics if any(a in matches for a in ancestors(t))}
    assert tree.visible_topic_ids() == [t for t in content.walk() if t in expected]
    model = tree.model()
    for topic_id in tree.visible_topic_ids():  # branch arrows: hasChildren is answered apart
        index = tree.index_of(topic_id)
        assert model.hasChildren(index) == (model.rowCount(index) > 0), topic_id
        assert model.parent(index) == tree.index_of(content.topics[topic_id].parent_id or "")
    assert model_warnings(qtlog) == []
    del tester


def test_reread_content_keeps_the_open_folders(qtbot, make_content) -> None:
    """#13: F5 re-reads the root; folders the reader opened or closed stay so where they exist."""
    view = TopicTreeView()
    qtbot.addWidget(view)
    content = load_content(make_content(NESTED))
    view.set_content(content)
    default = view.open_topic_ids()
    assert "request-flow/views" not in default
    view.expand(view.index_of("request-flow"))
    view.expand(view.index_of("request-flow/views"))
    view.collapse(view.index_of("security"))
    opened = view.open_topic_ids()
    assert "request-flow/views" in opened
    assert "security" not in opened
    view.set_content(load_content(content.root), keep_open=True)
    assert view.open_topic_ids() == opened
    view.set_content(load_content(content.root))  # not kept: the default rows open again
    assert view.open_topic_ids() == default


def test_down_in_the_filter_moves_to_the_first_match_and_enter_opens_it(qtbot, nested: ContentRoot) -> None:
    from PySide6.QtWidgets import QApplication

    from reader.ui.topics.pane import TopicsPane

    pane = TopicsPane()
    qtbot.addWidget(pane)
    pane.tree.set_content(nested)
    pane.tree.select_topic("index")
    with qtbot.waitActive(pane):
        pane.show()
        pane.activateWindow()
    pane.filter.setFocus()
    qtbot.keyClicks(pane.filter, "views")
    with qtbot.waitSignal(pane.tree.topic_requested, timeout=1000) as requested:
        qtbot.keyClick(pane.filter, Qt.Key.Key_Return)
    assert requested.args == ["request-flow/views"]  # the first title with "views"
    assert QApplication.focusWidget() is pane.filter  # still typing
    pane.filter.clear()
    qtbot.keyClicks(pane.filter, "generic")
    with qtbot.waitSignal(pane.tree.topic_requested, timeout=1000) as requested:
        qtbot.keyClick(pane.filter, Qt.Key.Key_Down)
    assert requested.args == ["request-flow/views/generic"]
    assert QApplication.focusWidget() is pane.tree
    assert pane.tree.currentIndex().data(TOPIC_ID_ROLE) == "request-flow/views/generic"
    pane.filter.setFocus()
    with qtbot.assertNotEmitted(pane.tree.topic_requested):  # already open: Down only moves
        qtbot.keyClick(pane.filter, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is pane.tree
    pane.filter.setText("no such title")
    with qtbot.assertNotEmitted(pane.tree.topic_requested):
        qtbot.keyClick(pane.filter, Qt.Key.Key_Return)
    assert pane.filter.accessibleDescription().startswith("Down moves")
