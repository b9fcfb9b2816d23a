"""Audio: file I/O in one place, and streaming loudness finishing."""
