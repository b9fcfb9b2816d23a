"""The parts of a conversation measured on this machine's CPU (issue 25's foundation):

- recognition: Whisper tiny.en (faster-whisper, int8, the embedded model) seconds per second of speech,
  on questions spoken by espeak-ng (a voice that is not piper's), heard whole and through the streaming
  listener (silero VAD over the whole padded stream, and a transcript of the turn so far at every pause,
  in 20 ms chunks), with the number of partial transcripts per turn;
- WER of the listener's final transcripts against the questions (benchmarks/bench_fidelity.py's WER,
  through Whisper's English normaliser);
- end of turn: the silence waited after a question (sentence_end_ms) and after a trailing "and"
  (trailing_ms), on the stream's own clock;
- the embedded chat model (SmolLM2-135M-Instruct): load time (de-quantised folder cached), time to the
  first sentence of a reply, and the whole reply, median over the questions;
- a conversation turn: from the final transcript to the first sentence's piper audio.

    python benchmarks/bench_conversation_parts.py [--json] [--threads 1] [--window-pad-s 10|whole]
        [--quantize int8|none]

``--window-pad-s whole`` has Whisper's encoder read the whole 30 s window, as faster-whisper does on its own;
``--quantize none`` runs the chat's layers in float32 (the settings before they were made the defaults).

The machine may be shared: the load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conversation_helpers import espeak, wer  # the project's one WER (bench_fidelity's)

QUESTIONS = [
    "What is the weather going to be like in Paris tomorrow?",
    "Can you tell me a short story about a brave little cat?",
    "How many minutes does it take to boil an egg?",
    "Where is the nearest train station from here?",
    "Why is the sky blue during the day?",
    "Could you remind me to call my mother at six?",
]
# Whisper tiny.en hears espeak-ng's "mushrooms and" as "my shroom scent." on this install: a phrase it hears
TRAILING = "I would like a pizza with cheese and"


def padded(samples: np.ndarray, rate: int, tail_s: float = 2.5) -> np.ndarray:
    from avatar.voices.reference import resample

    audio = resample(samples, rate, 16000)
    return np.concatenate([np.zeros(8000, np.float32), audio, np.zeros(int(tail_s * 16000), np.float32)])


def measure_listening(folder: Path, threads: int, window_pad_s: float | None) -> dict[str, Any]:
    from avatar.config.schema import TurnSettings
    from avatar.listening.listener import EventKind, Listener
    from avatar.listening.whisper import FasterWhisperBackend

    asr = FasterWhisperBackend(cpu_threads=threads, window_pad_s=window_pad_s)
    t0 = time.perf_counter()
    asr.load()
    load_s = time.perf_counter() - t0
    turn = TurnSettings()
    whole_rtf, stream_rtf, heard, waits, partials = [], [], [], [], []
    for n, q in enumerate(QUESTIONS):
        samples, rate = espeak(q, folder, f"q{n}")
        speech_s = len(samples) / rate
        audio = padded(samples, rate)
        t0 = time.perf_counter()
        asr.transcribe(audio[8000 : 8000 + int(speech_s * 16000)])
        whole_rtf.append((time.perf_counter() - t0) / speech_s)
        listener = Listener(asr, turn)
        t0 = time.perf_counter()
        events = [e for i in range(0, len(audio), 320) for e in listener.feed(audio[i : i + 320])]
        stream_rtf.append((time.perf_counter() - t0) / speech_s)
        final = [e for e in events if e.kind is EventKind.TRANSCRIPT and e.transcript and e.transcript.final]
        heard.append(final[0].transcript.text if final and final[0].transcript else "")
        waits += [e.waited_ms for e in events if e.kind is EventKind.SPEECH_ENDED]
        partials.append(sum(1 for e in events if e.kind is EventKind.TRANSCRIPT and not e.transcript.final))  # type: ignore[union-attr]
    samples, rate = espeak(TRAILING, folder, "trailing")
    events = Listener(asr, turn).feed(padded(samples, rate))
    trailing = [e.waited_ms for e in events if e.kind is EventKind.SPEECH_ENDED]
    heard_trailing = [e.transcript.text for e in events if e.kind is EventKind.TRANSCRIPT and e.transcript]
    return {
        "asr_load_s": round(load_s, 2),
        "asr_s_per_speech_s_whole": round(statistics.median(whole_rtf), 3),
        "asr_s_per_speech_s_streamed": round(statistics.median(stream_rtf), 3),
        "asr_partials_per_turn": statistics.median(partials),
        "wer": round(wer(" ".join(QUESTIONS), " ".join(heard)), 4),
        "end_of_turn_wait_ms_question": statistics.median(waits) if waits else None,
        "end_of_turn_wait_ms_trailing_and": trailing[0] if trailing else None,
        "heard_trailing": heard_trailing[-1] if heard_trailing else None,
        "heard": heard,
    }


def measure_thinking(threads: int, quantize: str) -> tuple[dict[str, Any], Any]:
    import torch

    from avatar.config.schema import ChatSettings
    from avatar.thinking.chat import Chat
    from avatar.thinking.embedded import EmbeddedChat

    torch.set_num_threads(threads)
    model = EmbeddedChat(quantize=quantize)
    model.folder()  # the de-quantised folder: made once (about a minute), then cached
    t0 = time.perf_counter()
    model.load()
    load_s = time.perf_counter() - t0
    settings = ChatSettings(max_reply_tokens=60)
    first, whole, sentences = [], [], []
    for q in QUESTIONS:
        chat = Chat(model, settings)
        t0 = time.perf_counter()
        said = []
        for sentence in chat.reply(q):
            if not said:
                first.append(time.perf_counter() - t0)
            said.append(sentence)
        whole.append(time.perf_counter() - t0)
        sentences.append(len(said))
    return {
        "llm_load_s_cached": round(load_s, 2),
        "llm_first_sentence_s": round(statistics.median(first), 3),
        "llm_reply_s": round(statistics.median(whole), 3),
        "llm_sentences_per_reply": statistics.median(sentences),
    }, model


def measure_turn(model: Any) -> dict[str, Any]:
    from avatar.backends.piper import PiperBackend
    from avatar.config.schema import ChatSettings
    from avatar.speaking.local import LocalSpeaking
    from avatar.speaking.port import Voice
    from avatar.thinking.chat import Chat
    from avatar.thinking.conversation import Conversation

    piper = PiperBackend("cpu", "float32")
    piper.load()
    speaking = LocalSpeaking(piper)
    firsts = []
    for q in QUESTIONS[:3]:
        conversation = Conversation(Chat(model, ChatSettings(max_reply_tokens=60)), speaking, Voice("piper"))
        reply = asyncio.run(conversation.respond(q))
        if reply.first_audio_s is not None:
            firsts.append(reply.first_audio_s)
    piper.unload()
    return {"turn_to_first_audio_s": round(statistics.median(firsts), 3) if firsts else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    # One thread by default: on the shared 2-core machine at load 8, two torch threads made the chat four times
    # slower than one (25.6 s against 6.0 s to the first sentence of the same reply).
    ap.add_argument("--threads", type=int, default=1, help="CPU threads for Whisper and for torch")
    ap.add_argument("--window-pad-s", default="10", help="seconds of Whisper's padding encoded, or 'whole'")
    ap.add_argument("--quantize", default="int8", choices=["int8", "none"], help="the embedded chat's layers")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    pad = None if args.window_pad_s == "whole" else float(args.window_pad_s)
    figures: dict[str, Any] = {"cpu_threads": args.threads, "window_pad_s": pad, "quantize": args.quantize}
    with tempfile.TemporaryDirectory(prefix="avatar-bench-conv-") as tmp:
        figures.update(measure_listening(Path(tmp), args.threads, pad))
    thinking, model = measure_thinking(args.threads, args.quantize)
    figures.update(thinking)
    figures.update(measure_turn(model))
    figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for key, value in figures.items():
        print(f"{key:36} {value}")


if __name__ == "__main__":
    main()
