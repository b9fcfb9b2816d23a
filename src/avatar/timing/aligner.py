"""Forced alignment of known words to speech, with pocketsphinx 5 (US-English acoustic model and CMU
dictionary ship in its wheel; nothing is downloaded).

Used for backends that give no phoneme timing of their own (xtts, qwen3-tts): each spoken chunk is
aligned to its words, giving word timings and the phonemes the talking head shapes the mouth from. Words
missing from the CMU dictionary get a pronunciation from espeak-ng's IPA (piper's bundled espeak), mapped
to the dictionary's ARPAbet; IPA given by the user (``[[...]]``) is mapped the same way.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

RATE = 16_000
FRAMES_PER_S = 100
LANGUAGES = ("en",)

# IPA (espeak-ng's English, stress and length marks removed) to CMU ARPAbet; two-letter sounds first.
IPA_TO_ARPABET = {
    "aʊ": "AW", "aɪ": "AY", "eɪ": "EY", "oʊ": "OW", "ɔɪ": "OY", "tʃ": "CH", "dʒ": "JH", "ɪɹ": "IH R",
    "ɛɹ": "EH R", "ʊɹ": "UH R", "ɑɹ": "AA R", "ɔɹ": "AO R", "əl": "AH L",
    "ɑ": "AA", "æ": "AE", "ʌ": "AH", "ə": "AH", "ɐ": "AH", "ɚ": "ER", "ɜ": "ER", "ɝ": "ER", "ɔ": "AO",
    "ɒ": "AA", "ɛ": "EH", "e": "EH", "ɪ": "IH", "ᵻ": "IH", "i": "IY", "ʊ": "UH", "u": "UW", "o": "OW",
    "a": "AA", "b": "B", "d": "D", "ð": "DH", "f": "F", "ɡ": "G", "g": "G", "h": "HH", "k": "K", "l": "L",
    "m": "M", "n": "N", "ŋ": "NG", "p": "P", "ɹ": "R", "r": "R", "s": "S", "ʃ": "SH", "t": "T", "θ": "TH",
    "v": "V", "w": "W", "j": "Y", "z": "Z", "ʒ": "ZH", "ɾ": "D", "ʔ": "T", "x": "HH", "ɬ": "L", "y": "IY",
    "c": "K", "q": "K",
}  # fmt: skip
# ARPAbet back to espeak-style IPA labels, for phonemes.tsv (the talking head's visemes read IPA)
ARPABET_TO_IPA = {
    "AA": "ɑ", "AE": "æ", "AH": "ʌ", "AO": "ɔ", "AW": "aʊ", "AY": "aɪ", "B": "b", "CH": "tʃ", "D": "d",
    "DH": "ð", "EH": "ɛ", "ER": "ɚ", "EY": "eɪ", "F": "f", "G": "ɡ", "HH": "h", "IH": "ɪ", "IY": "i",
    "JH": "dʒ", "K": "k", "L": "l", "M": "m", "N": "n", "NG": "ŋ", "OW": "oʊ", "OY": "ɔɪ", "P": "p",
    "R": "ɹ", "S": "s", "SH": "ʃ", "T": "t", "TH": "θ", "UH": "ʊ", "UW": "u", "V": "v", "W": "w",
    "Y": "j", "Z": "z", "ZH": "ʒ",
}  # fmt: skip
REST = "."
MAX_ADDED_WORDS = 20_000
_KEYS = sorted(IPA_TO_ARPABET, key=len, reverse=True)


class AlignerUnavailable(Exception):
    """No aligner serves this language or install (then timings are estimated)."""


def ipa_to_arpabet(ipa: str) -> str:
    """ARPAbet phones for an IPA string; unknown symbols are skipped."""
    text = re.sub(r"[ˈˌːˑ\s.,!?;:'\-]", "", ipa)
    out: list[str] = []
    i = 0
    while i < len(text):
        for key in _KEYS:
            if text.startswith(key, i):
                out.append(IPA_TO_ARPABET[key])
                i += len(key)
                break
        else:
            i += 1
    return " ".join(out)


def dictionary_word(token: str) -> str:
    """A token as the dictionary spells its words: lower case, no punctuation but the apostrophe."""
    return re.sub(r"[^\w']", "", token.lower().replace("’", "'")).strip("'_")


def _resample(samples: np.ndarray, rate: int) -> np.ndarray:
    if rate == RATE:
        return samples
    from scipy.signal import resample_poly

    g = math.gcd(RATE, rate)
    return np.asarray(resample_poly(samples, RATE // g, rate // g), dtype=np.float32)


class Aligner:
    """One pocketsphinx decoder, reused chunk after chunk (creating one takes a quarter of a second)."""

    _lock = threading.RLock()

    def __init__(self) -> None:
        try:
            from pocketsphinx import Decoder
        except ImportError:
            raise AlignerUnavailable("the pocketsphinx package is not installed; pip install pocketsphinx") from None
        self.decoder: Any = Decoder(samprate=RATE, bestpath=False, loglevel="FATAL")
        self._added: dict[str, str] = {}

    _shared: Aligner | None = None

    @classmethod
    def for_language(cls, language: str | None) -> Aligner:
        """The process's aligner for ``language`` (made once; every use holds its lock)."""
        key = (language or "en").lower().split("-")[0].split("_")[0]
        if key not in LANGUAGES:
            raise AlignerUnavailable(f"pocketsphinx's model is US English; none for language '{language}'")
        with cls._lock:
            # words added for earlier texts stay; start afresh once there are many (memory stays bounded)
            if cls._shared is None or len(cls._shared._added) > MAX_ADDED_WORDS:
                cls._shared = cls()
            return cls._shared

    def _pronunciation(self, token: str) -> str | None:
        """The dictionary word for ``token``, added from espeak's IPA when the dictionary lacks it."""
        if token.startswith("[[") and token.endswith("]]"):
            phones = ipa_to_arpabet(token[2:-2])
            word = f"ipa{len(self._added)}"
        else:
            word = dictionary_word(token)
            if not word:
                return None
            if word in self._added or self.decoder.lookup_word(word):
                return word
            phones = ipa_to_arpabet(_espeak_ipa(word))
        if not phones:
            return None
        self.decoder.add_word(word, phones, True)
        self._added[word] = phones
        return word

    def align(
        self, tokens: list[str], samples: np.ndarray, sample_rate: int
    ) -> tuple[list[tuple[float, float]], list[tuple[str, int]]] | None:
        """Each token's (start, end) in seconds from the chunk's start, and (IPA phoneme, samples at
        ``sample_rate``) covering the whole chunk; None when the audio cannot be aligned to the words."""
        if not tokens or samples.size == 0:
            return None
        x = _resample(samples.astype(np.float32), sample_rate)
        pcm = (np.clip(x, -1.0, 1.0) * 32767).astype(np.int16).tobytes()
        with self._lock:
            words = [self._pronunciation(t) for t in tokens]
            if any(w is None for w in words):
                return None
            try:
                self.decoder.set_align_text(" ".join(str(w) for w in words))
                self.decoder.start_utt()
                self.decoder.process_raw(pcm, full_utt=True)
                self.decoder.end_utt()
                segs = [(s.word, s.start_frame, s.end_frame) for s in self.decoder.seg() or []]
                self.decoder.set_alignment()
                self.decoder.start_utt()
                self.decoder.process_raw(pcm, full_utt=True)
                self.decoder.end_utt()
                alignment = self.decoder.get_alignment()
                phones = [(p.name, int(p.start), int(p.duration)) for p in alignment.phones()] if alignment else []
            except RuntimeError as exc:
                logger.info("pocketsphinx could not align a chunk (%s)", exc)
                return None
        spoken = [(s, e) for w, s, e in segs if not w.startswith(("<", "(")) and w not in ("[NOISE]",)]
        if len(spoken) != len(tokens):
            logger.info("pocketsphinx aligned %d of %d words; estimating this chunk", len(spoken), len(tokens))
            return None
        times = [(s / FRAMES_PER_S, (e + 1) / FRAMES_PER_S) for s, e in spoken]
        return times, _phone_samples(phones, samples.size, sample_rate)


def _phone_samples(phones: list[tuple[str, int, int]], total: int, sample_rate: int) -> list[tuple[str, int]]:
    """Frame-based phones as (IPA label, samples) adding up to ``total``; silences are rests."""
    out: list[tuple[str, int]] = []
    at = 0
    for name, start, duration in phones:
        a = min(total, round(start * sample_rate / FRAMES_PER_S))
        b = min(total, round((start + duration) * sample_rate / FRAMES_PER_S))
        if a > at:
            out.append((REST, a - at))
            at = a
        if b > at:
            out.append((ARPABET_TO_IPA.get(name, REST), b - at))
            at = b
    if at < total:
        out.append((REST, total - at))
    return out


def _espeak_ipa(word: str) -> str:
    from avatar.text.espeak import espeak_ipa

    ipa = espeak_ipa(word)
    return " ".join(word) if ipa is None else ipa  # letters are a poor but harmless stand-in
