"""The practice dialog with a real project's long paths and dotted view names."""

from __future__ import annotations

from reader.core.project.practice import Question
from reader.ui.project.practice_dialog import PracticeDialog

LONG_PATH = "/catalog/bookinstance/0b7f2a52-6a0e-4c55-9a55-3f5c0b1e2d4a/update/"
VIEWS = (
    "catalog.views.BookInstanceUpdate",
    "catalog.views.LoanedBooksByUserListView",
    "catalog.views.AuthorDelete",
    "catalog.views.BookInstanceListView",
)


def test_a_long_verdict_is_shown_whole_above_the_buttons(qtbot) -> None:
    # Seen on a real project: a UUID path and dotted names cannot wrap at spaces, so the verdict
    # ran past the dialog's edge and under its buttons.
    dialog = PracticeDialog()
    qtbot.addWidget(dialog)
    dialog.ask(Question(LONG_PATH, VIEWS, VIEWS[0], "catalog/bookinstance/<uuid:pk>/update/"))
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.group.buttons()[1].click()
    dialog.check.click()
    dialog.show_verdict(VIEWS[1], VIEWS[0])
    qtbot.waitUntil(lambda: dialog.verdict.height() >= dialog.verdict.heightForWidth(dialog.verdict.width()))
    for label in (dialog.prompt, dialog.verdict):
        assert label.sizeHint().width() <= dialog.width()
        assert label.geometry().right() <= dialog.rect().right()
    assert dialog.verdict.geometry().bottom() < dialog.check.mapTo(dialog, dialog.check.rect().topLeft()).y()
    assert LONG_PATH in dialog.verdict.text().replace("\u200b", "")
    assert dialog.verdict.accessibleDescription().startswith("Not quite")
