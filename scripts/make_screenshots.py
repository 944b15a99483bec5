"""Write the README's screenshots offscreen: ``python scripts/make_screenshots.py OUT_DIR``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out_dir: str) -> int:
    from PySide6.QtCore import QSettings

    from reader.resources import guide_root
    from reader.ui.app import create_application

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = create_application()
    from reader.ui.common.settings import Key, Settings
    from reader.ui.main_window import MainWindow

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shots = [("main", "request-flow/url-dispatcher", False), ("diagram", "request-flow", True)]
    for theme in ("light", "dark"):
        for name, topic_id, diagram in shots:
            settings = Settings()
            settings.set(Key.THEME, theme)
            settings.set(Key.SHOW_DIAGRAM, diagram)
            window = MainWindow(guide_root(), start_topic=topic_id, settings=settings)
            window.resize(1400, 900)
            window.show()
            app.processEvents()
            window.grab().save(str(out / f"{name}-{theme}.png"))
            window.close()
            app.processEvents()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
