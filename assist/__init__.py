"""Assist desktop apps: the agent console and the customer client."""

__version__ = "0.1.0"
