"""hype: German/English analyser of promotional language in press coverage."""

__version__ = "0.1.0"
