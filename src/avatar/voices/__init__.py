"""Per-user voice profiles: validated names, reference audio levelled to one loudness, speaker embeddings, a store."""
