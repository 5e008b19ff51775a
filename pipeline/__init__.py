"""Batch orchestration, CLI and outputs of circulars."""

__version__ = "0.1.0"
