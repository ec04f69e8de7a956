"""Pointer latency: from the agent sending a move to the dot drawn on the customer's screen."""
