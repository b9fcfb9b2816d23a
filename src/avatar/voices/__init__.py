"""Per-user voices: validated names, reference audio levelled to one loudness, speaker embeddings, a store."""
