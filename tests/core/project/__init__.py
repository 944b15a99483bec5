"""Tests for the project map room."""
