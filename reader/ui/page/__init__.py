"""The page pane: the QTextBrowser view, On this page, find in page, highlights, links, printing."""
