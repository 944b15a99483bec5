"""Walk-through links drawn as buttons: the renderer's one "action" (see :data:`WALKTHROUGH_HREF`).

A paragraph that holds one link to the diagram's walk-through and nothing else becomes a coloured
one-cell table (the only box QTextBrowser pads, as admonitions are drawn), styled by ``table.action``
and ``td.action`` in the page style sheets. The link itself is unchanged: the router decides what it
does, through :func:`reader.core.links.classify`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from reader.core.links import WALKTHROUGH_HREF


def action_buttons(root: etree.Element) -> None:
    """Turn every paragraph of ``root`` that is a lone walk-through link into a button."""
    for paragraph in [p for p in root.iter("p") if _is_action_paragraph(p)]:
        _action_to_button(paragraph)


def _is_action_paragraph(paragraph: etree.Element) -> bool:
    """A paragraph that holds one walk-through link and nothing else."""
    children = list(paragraph)
    return (
        len(children) == 1
        and children[0].tag == "a"
        and children[0].get("href") == WALKTHROUGH_HREF
        and not (paragraph.text or "").strip()
        and not (children[0].tail or "").strip()
    )


def _action_to_button(paragraph: etree.Element) -> None:
    """Draw a paragraph of one walk-through link as a button."""
    link = paragraph[0]
    link.tail = None
    paragraph.clear()
    paragraph.tag = "table"
    paragraph.attrib = {"class": "action", "cellpadding": "9"}
    cell = etree.SubElement(etree.SubElement(paragraph, "tr"), "td", {"class": "action"})
    cell.append(link)
