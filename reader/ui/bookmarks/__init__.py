"""The bookmarks panel."""
