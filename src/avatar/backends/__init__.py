"""Speech backends behind the `synthesize` and `clone` stages: piper (default), qwen3-tts, xtts."""
