"""Listening: speech-to-text recognisers (the `avatar.asr` plugin group, :mod:`avatar.listening.base`) and a
streaming listener (:mod:`avatar.listening.listener`) that turns 16 kHz audio into turn events: the caller
started speaking, what was heard (partial and final, with word times), the caller's turn ended."""
