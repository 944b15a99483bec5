"""Helpers the tests share: content builders, hostile roots, property strategies, paths."""
