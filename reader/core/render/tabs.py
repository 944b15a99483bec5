"""Content tabs (``=== "Linux"`` in MkDocs Material, pymdownx.tabbed) as labelled boxes, one per tab.

QTextBrowser has no radio buttons or hidden panels, so every tab is shown, one below the other,
each with its label on top: a reader sees all the variants a site would hide behind tabs. Icon
shortcodes of MkDocs Material in a label (``:fontawesome-brands-linux:``) are dropped, as the
site would draw them as icons.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

_ICON = re.compile(r":(?:fontawesome|material|octicons|simple)-[a-z0-9-]+:\s*")


def tabs_to_table(element: etree.Element) -> None:
    """Turn ``div.tabbed-set`` ``element`` (inputs, labels, ``div.tabbed-content``) in place into
    a ``table.tabs`` with one row per tab: the label as ``p.tab-label``, then the tab's content."""
    tabs: list[tuple[str, etree.Element | None]] = []
    for child in list(element):
        if child.tag == "label":
            label = " ".join(_ICON.sub("", "".join(child.itertext())).split())
            tabs.append((label, None))
        elif child.tag == "div" and "tabbed-content" in child.get("class", "") and tabs:
            tabs[-1] = (tabs[-1][0], child)
    element.clear()
    element.tag = "table"
    element.attrib = {"class": "tabs", "width": "100%", "cellpadding": "10"}
    for label, content in tabs:
        cell = etree.SubElement(etree.SubElement(element, "tr"), "td", {"class": "tab"})
        title = etree.SubElement(cell, "p", {"class": "tab-label"})
        title.text = label
        if content is not None:
            title.tail = content.text
            cell.extend(list(content))
