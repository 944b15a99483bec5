"""Write the README's screenshots offscreen: ``python tests/make_screenshots.py OUT_DIR``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#1e2227",
        QPalette.ColorRole.WindowText: "#e6edf3",
        QPalette.ColorRole.Base: "#16191d",
        QPalette.ColorRole.AlternateBase: "#1e2227",
        QPalette.ColorRole.Text: "#e6edf3",
        QPalette.ColorRole.Button: "#262b31",
        QPalette.ColorRole.ButtonText: "#e6edf3",
        QPalette.ColorRole.Highlight: "#2f7d5b",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#262b31",
        QPalette.ColorRole.ToolTipText: "#e6edf3",
        QPalette.ColorRole.PlaceholderText: "#8b949e",
        QPalette.ColorRole.Link: "#58d3a1",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    return palette


def main(out_dir: str) -> int:
    from PySide6.QtCore import QSettings

    from reader.resources import guide_root
    from reader.ui.app import create_application

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = create_application()
    app.setStyle("Fusion")
    from reader.ui.main_window import MainWindow

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shots = [("main", "request-flow/url-dispatcher")]
    for theme in ("light", "dark"):
        app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
        for name, topic_id in shots:
            window = MainWindow(guide_root(), start_topic=topic_id)
            window.resize(1280, 800)
            window.show()
            app.processEvents()
            window.grab().save(str(out / f"{name}-{theme}.png"))
            window.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
