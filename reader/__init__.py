"""Django Reader: a desktop reader that teaches how the Django web framework works."""

__version__ = "0.1.0"
