"""Content roots: the topic model, front matter, scanning a folder and the topic cache."""
