"""Assist signaling server: session codes, admission, WebRTC negotiation relay and chat."""

__version__ = "0.1.0"
