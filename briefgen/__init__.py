"""briefgen: policy briefs from the news, extractive and traceable to every source sentence."""

__version__ = "0.1.0"
