"""Content roots: ``model`` (Topic, ContentRoot), ``front_matter``, ``scan`` (the file system),
``loader`` (ContentLoader, load_content) and ``topic_cache`` (used by the loader only)."""
