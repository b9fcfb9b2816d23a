"""Early recognition in the streaming listener (``serve.live.turn.hear_from_ms``) against recognition at the
pause, on a corpus of spoken turns this script makes itself (no network):

- ``UTTERANCES``: 140 short things a caller says to an assistant (questions and statements, 4-20 words,
  some with numbers and names), each spoken by several voices: espeak-ng (voices and variants en-us,
  en-gb, en-us+f3, en+m3, en-gb-x-rp, at 150-190 words a minute) and the bundled piper voice
  (``PiperBackend("cpu", "float32")``, its own sampling noise, so a run's piper audio is not the last
  run's), resampled to 16 kHz and set to a speaking level of about -22 dBFS (+-4 dB, seeded);
- each put in a stream: 0.3-0.8 s of lead-in, the speech, 1.5 s of trailing "silence", under two
  conditions: ``clean`` (digital zeros around the speech) and ``room`` (room tone present throughout,
  under the speech too: pink noise at -55 to -45 dBFS RMS and a 50 or 60 Hz hum with two harmonics about
  12 dB below it, the hum at -62 to -55 dBFS), every random choice from a fixed seed;
- each clip fed in 20 ms chunks (320 samples) through a real :class:`~avatar.listening.listener.Listener`
  (silero VAD, Whisper tiny.en through faster-whisper, the embedded model, loaded once and shared) under
  each setting: ``pause`` (``hear_from_ms`` None: recognised at the pause, ``pause_ms`` 250), ``early64``
  and ``early128`` (``hear_from_ms`` 64 and 128), and ``repeat`` (the pause setting run again: how much
  the recogniser's own run-to-run variation flips, the floor any difference is to be judged against).

Per setting x condition x voice family it prints the clips, the mean WER of the final transcript (all the
turn's final transcripts joined; both sides through Whisper's English normaliser, as
benchmarks/bench_fidelity.py scores), the clips whose normalised transcript differs from ``pause``'s and
of those the ones the setting hears worse / better, the listener's wait for recognition at the pause
(wall time of the ``feed`` call that made the partial transcript), turns split in two or more, and turns
that did not end by themselves within the 1.5 s tail (ended by ``flush``); then up to 10 differing
transcripts side by side, and totals per setting.

The feeder goes as fast as the machine allows, except while an early recognition is in flight: then it
feeds in real time, as a microphone would, so the wait at the pause is the one a live session has (it
reads the listener's ``hearing_early``; ``--no-pace`` feeds everything at full speed). Timings are wall
times on this machine, shared or not: the load average is printed.

    .venv/bin/python benchmarks/bench_listening.py [--limit N] [--voices espeak-us,...,piper]
        [--conditions clean,room] [--settings pause,early64,early128,repeat] [--threads 2] [--window-pad-s 10]
        [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from bench_fidelity import spoken_form, wer  # Whisper's English normaliser on both sides

RATE = 16000
CHUNK = 320  # 20 ms, as a WebRTC track gives
LEAD_S = (0.3, 0.8)
TAIL_S = 1.5
SPEECH_DBFS = (-26.0, -18.0)
NOISE_DBFS = (-55.0, -45.0)
SEED = 20240538

UTTERANCES = [
    "What time is it in Tokyo right now?",
    "Can you set a timer for twelve minutes?",
    "Please remind me to call Sarah at 5 o'clock.",
    "How far is it from London to Edinburgh by train?",
    "I need a table for four people on Friday night.",
    "What's the difference between a crocodile and an alligator?",
    "Turn the living room lights down to thirty percent.",
    "Who won the football match last night?",
    "Tell me a joke about penguins.",
    "My flight number is BA 287, is it on time?",
    "How do you say thank you in Japanese?",
    "I'd like to cancel my subscription, please.",
    "What is the square root of one hundred and forty four?",
    "Add milk, eggs and bread to my shopping list.",
    "Could you read me the latest news headlines?",
    "Is it going to rain in Seattle this weekend?",
    "Book a dentist appointment for next Tuesday morning.",
    "How many calories are in a banana?",
    "What's a good recipe for vegetable soup?",
    "Send a message to Michael saying I'll be ten minutes late.",
    "Why do cats purr when they are happy?",
    "Play some relaxing piano music.",
    "How old is the Great Wall of China?",
    "Convert fifty dollars into euros for me.",
    "What's the capital city of Australia?",
    "I can't find my keys anywhere, any ideas?",
    "When does the pharmacy on Baker Street close today?",
    "Can you explain how a mortgage works in simple terms?",
    "My daughter Emma turns seven on the 3rd of June.",
    "What should I cook for dinner tonight?",
    "Spell the word necessary for me.",
    "How long should I boil pasta for?",
    "Tell me something interesting about octopuses.",
    "I'm feeling a bit tired today.",
    "What is the population of Canada?",
    "Find me a cheap hotel near the airport in Madrid.",
    "Who painted the Mona Lisa?",
    "Can you recommend a good science fiction book?",
    "How many teaspoons are in a tablespoon?",
    "Wake me up at half past six tomorrow.",
    "What's the weather forecast for Chicago on Monday?",
    "My order number is 4 5 7 2 1, where is my parcel?",
    "Please turn off the heating in the bedroom.",
    "How do I reset my password?",
    "What does the word serendipity mean?",
    "Call my brother David on his mobile.",
    "How many days are there until Christmas?",
    "I would like to speak to a real person.",
    "What are the opening hours of the British Museum?",
    "Can dogs eat grapes safely?",
    "Translate good morning into Spanish.",
    "What's twenty three multiplied by seventeen?",
    "Remind me to water the plants every Sunday.",
    "How tall is Mount Everest in meters?",
    "I think my internet connection is broken.",
    "Give me directions to the nearest petrol station.",
    "Who was the first person to walk on the moon?",
    "What's on my calendar for tomorrow afternoon?",
    "Can you help me write an email to my landlord?",
    "The washing machine is making a strange noise.",
    "How do I get a stain out of a white shirt?",
    "Order a large pepperoni pizza for delivery.",
    "What is the boiling point of water in Fahrenheit?",
    "I'm looking for a birthday present for my grandmother.",
    "Is the post office open on Saturdays?",
    "Tell me about the history of the Roman Empire.",
    "How much does a ticket to Berlin cost?",
    "Please pause the music for a moment.",
    "What's the best way to learn a new language?",
    "Set the thermostat to twenty one degrees.",
    "Where did I park my car?",
    "My name is Priya and I live in Manchester.",
    "How many ounces are in a pound?",
    "Can you check my bank balance?",
    "What films are showing at the cinema tonight?",
    "I need help choosing a new laptop for work.",
    "Why is the ocean salty?",
    "Schedule a meeting with Anna and Tom at 2 pm.",
    "What's the score in the tennis final?",
    "Read me the next chapter of my audiobook.",
    "How do I make a cup of green tea properly?",
    "What year did the Second World War end?",
    "Could you lower the volume a little bit?",
    "I've lost my wallet on the bus this morning.",
    "What's the fastest animal in the world?",
    "Help me plan a trip to Rome for five days.",
    "How often should I water a cactus?",
    "Please repeat that more slowly.",
    "What is the speed of light?",
    "Find a vegetarian restaurant near me that is open now.",
    "How many players are on a rugby team?",
    "I'd like to pay my electricity bill.",
    "Who is the author of Pride and Prejudice?",
    "Can you tell me the time of the next bus to Oxford?",
    "Start a workout playlist and set a thirty minute timer.",
    "What's the difference between weather and climate?",
    "Lock the front door and turn on the alarm.",
    "How do airplanes stay up in the air?",
    "My appointment with Doctor Wilson is at 9 15.",
    "What rhymes with orange?",
    "Tell me a fun fact about the planet Jupiter.",
    "How many grams of sugar are in a can of cola?",
    "I want to learn to play the guitar.",
    "Is there a train strike on Thursday?",
    "What's the exchange rate between the pound and the dollar?",
    "Create a new note called holiday ideas.",
    "Can you recommend a podcast about history?",
    "How do I fix a leaking tap in the kitchen?",
    "What time does the sun set today?",
    "Please call a taxi to take me to the station.",
    "How many bones are in the human body?",
    "I forgot to buy coffee, add it to the list.",
    "Who invented the telephone?",
    "What's the quickest route to work avoiding the motorway?",
    "Can you summarise this article in three sentences?",
    "My son Oliver has a fever of 38 degrees, what should I do?",
    "How long does it take to walk five kilometers?",
    "Tell me the lyrics of happy birthday.",
    "What is the tallest building in New York?",
    "I'd like to change my delivery address.",
    "How do bees make honey?",
    "Turn on the television and find the news channel.",
    "What's a healthy breakfast that keeps me full until lunch?",
    "Which planet is closest to the sun?",
    "Please book two tickets for the concert on the 14th of August.",
    "How can I improve my sleep?",
    "Is it safe to swim in the sea in October?",
    "What's the meaning of life?",
    "Thanks, that was really helpful, goodbye.",
    "Yes please, go ahead.",
    "Could you find me a flight from Dublin to New York leaving on the 2nd of March in the morning?",
    "I was wondering whether you could explain the rules of cricket to me in a way a child would understand.",
    "My car has been making a clicking sound when I turn left, should I take it to a garage?",
    "Please send an email to Jennifer at the office telling her the report will be ready on Wednesday.",
    "I need to prepare a presentation about renewable energy for my class next week, where should I start?",
    "What would be a good present for a ten year old boy who loves dinosaurs and football?",
    "Can you remind me to pick up the dry cleaning and the prescription on my way home tonight?",
    "We are planning a picnic for about twelve people on Saturday, what food should we bring along?",
    "Tell me how much I would save each month if I paid 200 pounds more off my loan.",
    "Last summer we drove from San Francisco to Los Angeles along the coast and it took two days.",
]

# name: (family, espeak voice or None, base words per minute)
VOICES: dict[str, tuple[str, str | None, int]] = {
    "espeak-us": ("espeak", "en-us", 170),
    "espeak-gb": ("espeak", "en-gb", 160),
    "espeak-us-f3": ("espeak", "en-us+f3", 180),
    "espeak-m3": ("espeak", "en+m3", 155),
    "espeak-rp": ("espeak", "en-gb-x-rp", 175),
    "piper": ("piper", None, 0),
}
CONDITIONS = ("clean", "room")
SETTINGS: dict[str, int | None] = {"pause": None, "early64": 64, "early128": 128, "repeat": None}
DEFAULT_SETTINGS = "pause,early64,early128,repeat"


# --- the corpus ---


def espeak_speech(text: str, voice: str, wpm: int, folder: Path) -> np.ndarray:
    import soundfile

    from avatar.voices.reference import resample

    exe = shutil.which("espeak-ng")
    if not exe:
        raise SystemExit("espeak-ng is not installed (scripts/install-system.sh installs it)")
    wav = folder / "u.wav"
    subprocess.run([exe, "-v", voice, "-s", str(wpm), "-w", str(wav), text], check=True, capture_output=True)
    samples, rate = soundfile.read(str(wav), dtype="float32")
    return resample(np.asarray(samples, np.float32).reshape(-1), int(rate), RATE)


def trimmed(speech: np.ndarray) -> np.ndarray:
    """The speech without the synthesiser's own leading and trailing near-silence (the stream adds its own)."""
    loud = np.flatnonzero(np.abs(speech) > 1e-3)
    return speech[loud[0] : loud[-1] + 1] if loud.size else speech


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """1/f noise (white noise shaped in the frequency domain), unit RMS."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / RATE)
    spectrum[1:] /= np.sqrt(f[1:])
    spectrum[0] = 0
    spectrum[f < 20] = 0  # no rumble below a microphone's range
    noise = np.fft.irfft(spectrum, n)
    return noise / np.sqrt(np.mean(noise**2))


def db(level: float) -> float:
    return float(10 ** (level / 20))


@dataclass
class Clip:
    index: int  # utterance
    voice: str
    family: str
    text: str
    wpm: int
    speech_s: float
    lead_s: float
    audio: dict[str, np.ndarray] = field(repr=False)  # condition -> the stream


def build_clip(
    index: int, voice: str, speech: np.ndarray, wpm: int, conditions: list[str], rng: np.random.Generator
) -> Clip:
    speech = trimmed(speech)
    rms = float(np.sqrt(np.mean(speech**2))) or 1.0
    speech = speech * (db(float(rng.uniform(*SPEECH_DBFS))) / rms)
    peak = float(np.max(np.abs(speech)))
    if peak > 0.95:
        speech *= 0.95 / peak
    lead = int(float(rng.uniform(*LEAD_S)) * RATE)
    tail = int(TAIL_S * RATE)
    clean = np.concatenate([np.zeros(lead, np.float32), speech, np.zeros(tail, np.float32)]).astype(np.float32)
    # the room's draws are made whether or not the room is asked for, so a clip is the same in every run
    n = len(clean)
    noise = pink_noise(n, rng) * db(float(rng.uniform(*NOISE_DBFS)))
    mains = 50.0 if rng.random() < 0.5 else 60.0
    hum_level = db(float(rng.uniform(-62.0, -55.0)))
    t = np.arange(n) / RATE
    phase = rng.uniform(0, 2 * np.pi, 3)
    hum = sum(
        a * np.sin(2 * np.pi * mains * k * t + p) for k, a, p in zip((1, 2, 3), (1.0, 0.25, 0.25), phase, strict=True)
    )
    room = (clean + noise + hum * hum_level * np.sqrt(2)).astype(np.float32)
    audio = {"clean": clean, "room": room}
    family = VOICES[voice][0]
    audio = {c: audio[c] for c in conditions}
    return Clip(index, voice, family, UTTERANCES[index], wpm, len(speech) / RATE, lead / RATE, audio)


def build_corpus(limit: int, voices: list[str], conditions: list[str]) -> list[Clip]:
    clips: list[Clip] = []
    piper = None
    if "piper" in voices:
        from avatar.backends.piper import PiperBackend

        piper = PiperBackend("cpu", "float32")
        piper.load()
    with tempfile.TemporaryDirectory(prefix="bench_listening_") as tmp:
        for v, voice in enumerate(voices):
            family, espeak_voice, base_wpm = VOICES[voice]
            for i in range(limit):
                rng = np.random.default_rng([SEED, v, i])
                text = UTTERANCES[i]
                if family == "piper":
                    from avatar.backends.base import SynthesisRequest
                    from avatar.voices.reference import resample

                    assert piper is not None
                    speech = resample(piper.synthesize(SynthesisRequest(text)), piper.sample_rate, RATE)
                    wpm = 0
                else:
                    assert espeak_voice is not None
                    wpm = int(np.clip(base_wpm + (i * 7) % 21 - 10, 150, 190))
                    speech = espeak_speech(text, espeak_voice, wpm, Path(tmp))
                clips.append(build_clip(i, voice, speech, wpm, conditions, rng))
    if piper is not None:
        piper.unload()
    return clips


# --- listening ---


@dataclass
class Heard:
    utterance: int
    voice: str
    family: str
    condition: str
    setting: str
    text: str
    heard: str
    wer: float
    turns: int  # final transcripts (more than one: the turn was split)
    flushed: bool  # the last turn did not end by itself within the tail
    partials: int
    early_used: int
    pause_wait_ms: list[float]  # wall time of each feed() that made a partial transcript
    final_at_s: float | None  # stream time of the last final transcript
    speech_end_s: float
    feed_s: float


def listen(asr: Any, clip: Clip, condition: str, setting: str, pace: bool) -> Heard:
    from avatar.config.schema import TurnSettings
    from avatar.listening.listener import EventKind, Listener

    audio = clip.audio[condition]
    listener = Listener(asr, TurnSettings(hear_from_ms=SETTINGS[setting]))
    finals: list[Any] = []
    partials = 0
    waits: list[float] = []
    flushed = False
    paced_from: tuple[float, int] | None = None  # (wall time, sample) an early recognition began at
    t_start = time.perf_counter()
    try:
        for i in range(0, len(audio), CHUNK):
            chunk = audio[i : i + CHUNK]
            if pace and paced_from is not None:
                # a microphone gives this chunk once its last sample has been spoken
                due = paced_from[0] + (i + len(chunk) - paced_from[1]) / RATE
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
            t0 = time.perf_counter()
            events = listener.feed(chunk)
            took = time.perf_counter() - t0
            pending = listener.hearing_early
            if not pending:
                paced_from = None
            elif paced_from is None:
                paced_from = (time.perf_counter(), i + len(chunk))
            for e in events:
                if e.kind is EventKind.TRANSCRIPT and e.transcript is not None:
                    if e.transcript.final:
                        finals.append(e)
                    else:
                        partials += 1
                        waits.append(took * 1000)
        end = listener.flush()
        if end:
            flushed = True
            finals += [e for e in end if e.kind is EventKind.TRANSCRIPT and e.transcript and e.transcript.final]
    finally:
        listener.close()
    heard = " ".join(e.transcript.text.strip() for e in finals if e.transcript.text.strip())
    return Heard(
        utterance=clip.index,
        voice=clip.voice,
        family=clip.family,
        condition=condition,
        setting=setting,
        text=clip.text,
        heard=heard,
        wer=wer(clip.text, heard),
        turns=len(finals),
        flushed=flushed,
        partials=partials,
        early_used=listener.early_used,
        pause_wait_ms=[round(w, 1) for w in waits],
        final_at_s=round(finals[-1].at_s, 3) if finals else None,
        speech_end_s=round(clip.lead_s + clip.speech_s, 3),
        feed_s=round(time.perf_counter() - t_start, 3),
    )


# --- the summary ---


def summarise(rows: list[Heard], settings: list[str], examples: int) -> dict[str, Any]:
    base = {(r.utterance, r.voice, r.condition): r for r in rows if r.setting == "pause"}
    groups: dict[tuple[str, str, str], list[Heard]] = {}
    for r in rows:
        groups.setdefault((r.setting, r.condition, r.family), []).append(r)
        groups.setdefault((r.setting, r.condition, "all"), []).append(r)
        groups.setdefault((r.setting, "all", "all"), []).append(r)

    def line(rs: list[Heard]) -> dict[str, Any]:
        diff = worse = better = 0
        for r in rs:
            b = base.get((r.utterance, r.voice, r.condition))
            if b is None or r.setting == "pause":
                continue
            if spoken_form(r.heard) != spoken_form(b.heard):
                diff += 1
                worse += r.wer > b.wer
                better += r.wer < b.wer
        waits = [w for r in rs for w in r.pause_wait_ms[:1]]
        words = sum(len(spoken_form(r.text)) for r in rs)
        errors = sum(r.wer * max(1, len(spoken_form(r.text))) for r in rs)
        return {
            "clips": len(rs),
            "mean_wer": round(statistics.fmean(r.wer for r in rs), 4),
            "pooled_wer": round(errors / max(1, words), 4),
            "perfect": sum(r.wer == 0 for r in rs),
            "differ": diff if "pause" in settings else None,
            "worse": worse if "pause" in settings else None,
            "better": better if "pause" in settings else None,
            "wait_ms_median": round(statistics.median(waits), 1) if waits else None,
            "wait_ms_p90": round(float(np.percentile(waits, 90)), 1) if waits else None,
            "split": sum(r.turns > 1 for r in rs),
            "no_turn": sum(r.turns == 0 for r in rs),
            "flushed": sum(r.flushed for r in rs),
        }

    table = {"/".join(k): line(v) for k, v in sorted(groups.items())}
    diffs: dict[str, list[dict[str, Any]]] = {}
    for s in settings:
        if s == "pause":
            continue
        out = []
        for r in rows:
            b = base.get((r.utterance, r.voice, r.condition))
            if r.setting == s and b is not None and spoken_form(r.heard) != spoken_form(b.heard):
                out.append(
                    {
                        "utterance": r.utterance,
                        "voice": r.voice,
                        "condition": r.condition,
                        "said": r.text,
                        "pause": b.heard,
                        s: r.heard,
                        "wer_pause": round(b.wer, 3),
                        f"wer_{s}": round(r.wer, 3),
                    }
                )
        diffs[s] = out
    return {"table": table, "differing": diffs, "examples": examples}


def print_summary(summary: dict[str, Any], settings: list[str], conditions: list[str], families: list[str]) -> None:
    table = summary["table"]
    head = (
        f"{'setting':<9} {'condition':<9} {'voices':<7} {'clips':>5} {'meanWER':>8} {'pooled':>7} {'perfect':>7} "
        f"{'differ':>6} {'worse':>5} {'better':>6} {'wait50ms':>8} {'wait90ms':>8} {'split':>5} {'noturn':>6} "
        f"{'flushed':>7}"
    )
    print(head)
    print("-" * len(head))

    def fmt(s: str, c: str, f: str, row: dict[str, Any]) -> str:
        def n(v: Any) -> str:
            return "-" if v is None else str(v)

        return (
            f"{s:<9} {c:<9} {f:<7} {row['clips']:>5} {row['mean_wer']:>8.4f} {row['pooled_wer']:>7.4f} "
            f"{row['perfect']:>7} {n(row['differ'] if s != 'pause' else None):>6} "
            f"{n(row['worse'] if s != 'pause' else None):>5} {n(row['better'] if s != 'pause' else None):>6} "
            f"{n(row['wait_ms_median']):>8} {n(row['wait_ms_p90']):>8} {row['split']:>5} {row['no_turn']:>6} "
            f"{row['flushed']:>7}"
        )

    for c in conditions:
        for f in families:
            for s in settings:
                key = f"{s}/{c}/{f}"
                if key in table:
                    print(fmt(s, c, f, table[key]))
            print()
    print("totals per setting x condition")
    for c in conditions:
        for s in settings:
            print(fmt(s, c, "all", table[f"{s}/{c}/all"]))
    print()
    print("totals per setting")
    for s in settings:
        print(fmt(s, "all", "all", table[f"{s}/all/all"]))
    for s, out in summary["differing"].items():
        print(f"\n{s}: {len(out)} clips heard differently from pause (up to {summary['examples']} shown)")
        for d in out[: summary["examples"]]:
            print(f"  [{d['utterance']:>3} {d['voice']} {d['condition']}] said:  {d['said']}")
            print(f"      pause    ({d['wer_pause']:.3f}): {d['pause']}")
            print(f"      {s:<8} ({d[f'wer_{s}']:.3f}): {d[s]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=len(UTTERANCES), help="the first N utterances")
    parser.add_argument("--voices", default=",".join(VOICES), help=f"of {', '.join(VOICES)}")
    parser.add_argument("--conditions", default=",".join(CONDITIONS), help=f"of {', '.join(CONDITIONS)}")
    parser.add_argument("--settings", default=DEFAULT_SETTINGS, help=f"of {', '.join(SETTINGS)}")
    parser.add_argument("--threads", type=int, default=None, help="Whisper's CPU threads (its default: up to 4)")
    parser.add_argument(
        "--window-pad-s", type=float, default=None, help="seconds of Whisper's padding encoded (its default: 10)"
    )
    parser.add_argument(
        "--temperatures", default=None, help="Whisper's decoding temperatures, comma-separated (default: 0,0.2,...,1)"
    )
    parser.add_argument("--no-pace", action="store_true", help="feed at full speed even while recognition runs")
    parser.add_argument("--examples", type=int, default=10, help="differing transcripts shown per setting")
    parser.add_argument("--json", type=Path, default=None, help="write the summary and every clip's result here")
    args = parser.parse_args()

    voices = [v for v in args.voices.split(",") if v]
    conditions = [c for c in args.conditions.split(",") if c]
    settings = [s for s in args.settings.split(",") if s]
    for name, given, known in (("voice", voices, VOICES), ("condition", conditions, CONDITIONS)):
        bad = [g for g in given if g not in known]
        if bad:
            parser.error(f"unknown {name} {bad[0]!r}; known: {', '.join(known)}")
    bad = [s for s in settings if s not in SETTINGS]
    if bad:
        parser.error(f"unknown setting {bad[0]!r}; known: {', '.join(SETTINGS)}")
    limit = max(1, min(args.limit, len(UTTERANCES)))
    families = sorted({VOICES[v][0] for v in voices})

    began = time.perf_counter()
    clips = build_corpus(limit, voices, conditions)
    corpus_s = time.perf_counter() - began
    speech = sum(c.speech_s for c in clips)
    print(
        f"corpus: {limit} utterances x {len(voices)} voices = {len(clips)} clips, {speech / 60:.1f} min of speech, "
        f"made in {corpus_s:.0f} s; conditions {', '.join(conditions)}; settings {', '.join(settings)}",
        flush=True,
    )

    from avatar.listening.whisper import FasterWhisperBackend

    options: dict[str, Any] = {"cpu_threads": args.threads} if args.threads else {}
    if args.window_pad_s is not None:
        options["window_pad_s"] = args.window_pad_s
    if args.temperatures:
        options["temperatures"] = [float(x) for x in args.temperatures.split(",")]
    asr = FasterWhisperBackend(**options)
    asr.load()
    from avatar.voices.vad import STREAM_MODEL

    STREAM_MODEL.get()

    rows: list[Heard] = []
    runs = len(clips) * len(conditions) * len(settings)
    done = 0
    t0 = time.perf_counter()
    for clip in clips:
        for condition in conditions:
            for setting in settings:
                rows.append(listen(asr, clip, condition, setting, pace=not args.no_pace))
                done += 1
        if done and (done // (len(conditions) * len(settings))) % 25 == 0:
            rate = (time.perf_counter() - t0) / done
            print(
                f"  {done}/{runs} listened, {rate:.2f} s each, about {(runs - done) * rate / 60:.0f} min left "
                f"(load {os.getloadavg()[0]:.1f})",
                file=sys.stderr,
                flush=True,
            )
    listen_s = time.perf_counter() - t0

    summary = summarise(rows, settings, args.examples)
    print(
        f"listened {runs} times in {listen_s / 60:.1f} min ({listen_s / runs:.2f} s each); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; Whisper threads "
        f"{args.threads or min(4, os.cpu_count() or 1)}; paced: {not args.no_pace}; "
        f"window pad {10.0 if args.window_pad_s is None else args.window_pad_s} s\n"
    )
    print(
        "meanWER: mean of per-clip WER; pooled: errors / words over the clips; differ/worse/better: against "
        "'pause' on the same clip\n(normalised text differs / WER higher / lower); wait: wall ms of the feed() "
        "that made the first partial transcript;\nsplit: clips heard as 2+ turns; noturn: no final transcript; "
        f"flushed: the turn had not ended {TAIL_S} s after the speech\n"
    )
    print_summary(summary, settings, conditions, families)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "args": {k: str(v) for k, v in vars(args).items()},
            "corpus": {"utterances": limit, "voices": voices, "clips": len(clips), "speech_min": speech / 60},
            "wall_s": {"corpus": round(corpus_s, 1), "listening": round(listen_s, 1)},
            "summary": summary,
            "clips": [asdict(r) for r in rows],
        }
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
