"""Reading the guide's Markdown for the example tests: fenced blocks, data-files, source URLs and anchors."""

from __future__ import annotations

import itertools
import re

from tests.helpers.paths import PROJECT_ROOT

GUIDE = PROJECT_ROOT / "resources" / "guide"

# A fenced block: opening fence with optional info string, body, closing fence.
FENCE_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)\n"
    r"(?P<body>.*?)"
    r"^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
DATA_FILE_RE = re.compile(r'data-file="([^"]+)"')
CLASS_RE = re.compile(r"(?:^|[\s{])\.([\w+#-]+)")


def iter_blocks(text: str):
    """Yield (language, data_file, body, line_number) for each fenced block."""
    for m in FENCE_RE.finditer(text):
        info = m.group("info").strip()
        if info.startswith("{"):
            cls = CLASS_RE.search(info)
            lang = cls.group(1) if cls else ""
        else:
            lang = info.split()[0] if info else ""
        df = DATA_FILE_RE.search(info)
        line = text.count("\n", 0, m.start()) + 1
        yield lang, (df.group(1) if df else None), m.group("body"), line


def guide_pages():
    return sorted(GUIDE.rglob("*.md"))


def example_files() -> dict[str, str]:
    """Every data-file block of every page: path in the project -> file text."""
    files: dict[str, str] = {}
    for page in guide_pages():
        for _lang, data_file, body, line in iter_blocks(page.read_text("utf-8")):
            if data_file:
                assert data_file not in files, f"duplicate data-file {data_file} ({page.name}:{line})"
                files[data_file] = body
    return files


DOCS_URL_RE = re.compile(
    r"https://docs\.djangoproject\.com/en/[^/]+/(?P<path>[^#\s]*?)/?(?:#(?P<anchor>\S+))?$"
)


def source_urls():
    for page in guide_pages():
        meta = page.read_text("utf-8").split("\n---", 1)[0]
        for url in re.findall(r"https://docs\.djangoproject\.com/\S+", meta):
            yield page.relative_to(GUIDE).as_posix(), url


def anchors(text: str) -> set[str]:
    """Sphinx ids a docs page defines: labels, section titles, setting and object directives."""
    ids = set(re.findall(r"^\.\. _([\w.-]+):", text, re.MULTILINE))
    lines = text.splitlines()
    for title, underline in itertools.pairwise(lines):
        if title.strip() and re.fullmatch(r"([=\-~^\"'`*+#])\1{2,}", underline.strip()):
            plain = re.sub(r"[`:]|\{[^}]*\}", "", title).lower()
            ids.add(re.sub(r"[^a-z0-9]+", "-", plain).strip("-"))
    ids |= {"std-setting-" + n for n in re.findall(r"^\.\. setting:: (\S+)", text, re.MULTILINE)}
    module = ""
    for line in lines:
        if m := re.match(r"\.\. (?:current)?module:: (\S+)", line):
            module = m.group(1)
        elif m := re.match(r"\s*\.\. (?:class|function|attribute|method|exception):: ([\w.]+)", line):
            ids.add(m.group(1))
            if module:
                ids.add(f"{module}.{m.group(1)}")
    return ids


SOURCE_PATH_RE = re.compile(r"`(django/[\w/.\-]+(?:\.py|/))`")
