"""Rendering topics: Markdown to the HTML QTextBrowser shows, the page model and the render cache."""
