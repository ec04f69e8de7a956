"""Screen-sharing benchmark: a content app that stamps its frames, and the stamp's decoder."""
