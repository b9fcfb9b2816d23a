"""Thinking: chat models (the `avatar.chat` plugin group, :mod:`avatar.thinking.base`): ``openai`` for any
OpenAI-compatible endpoint and ``embedded`` (SmolLM2-135M-Instruct, no download), and the per-conversation
chat (:mod:`avatar.thinking.chat`): system prompt, bounded persona and history, replies as sentences."""
