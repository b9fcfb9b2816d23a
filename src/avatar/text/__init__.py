"""Text: normalisation and sentence chunking for synthesis."""
