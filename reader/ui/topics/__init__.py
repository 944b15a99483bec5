"""The topic tree and its filter."""
