"""Qt-free core: content loading, rendering, link resolution, checking and search."""
