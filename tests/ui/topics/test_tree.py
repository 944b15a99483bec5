"""The topic tree: its hand-written model passes QAbstractItemModelTester; filtering and choosing topics."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, qInstallMessageHandler
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester

from reader.core.content.loader import ContentRoot, load_content
from reader.ui.topics.tree import TOPIC_ID_ROLE, TopicModel, TopicTreeView
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
    proxy = tree.model()
    assert proxy is not source
    assert proxy.sourceModel() is source
    proxy_tester = watch(proxy)
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
    del source_tester, proxy_tester


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
