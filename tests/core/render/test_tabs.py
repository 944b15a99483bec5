"""MkDocs Material's content tabs show every tab, each under its label (Django REST framework's
tutorial/quickstart.md has Linux/macOS and Windows tabs of shell commands)."""

from __future__ import annotations

from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.core.render.markdown import Renderer
from reader.ui.page.view import PageView

QUICKSTART = """# Quickstart

Create a project.

=== ":fontawesome-brands-linux: Linux, :fontawesome-brands-apple: macOS"

    ```bash
    mkdir tutorial
    ```

=== ":fontawesome-brands-windows: Windows"

    If you use Bash for Windows

    ```bash
    mkdir tutorial2
    ```

After the tabs.
"""


def test_every_tab_is_shown_under_its_label(tmp_path, qtbot):
    (tmp_path / "index.md").write_text(QUICKSTART, encoding="utf-8")
    content = load_content(tmp_path)
    page = Renderer(content).render("index")
    assert 'class="tabs"' in page.html
    assert "<input" not in page.html
    assert "fontawesome" not in page.html
    assert len(page.code_blocks) == 2
    view = PageView()
    qtbot.addWidget(view)
    view.show_page(page)
    text = view.toPlainText()
    order = ["Linux, macOS", "mkdir tutorial", "Windows", "If you use Bash", "mkdir tutorial2", "After"]
    positions = [text.find(part) for part in order]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert check_content(content) == []
