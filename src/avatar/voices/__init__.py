"""Per-user voice profiles: validated names, normalised reference audio, speaker embeddings, a store."""
