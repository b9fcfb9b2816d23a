"""Live sessions measured from the received WebRTC stream, as a client sees them: a real `avatar serve`
process on 127.0.0.1 and aiortc peers in this process (512 px, piper). Figures (targets from issue 17):

- say to first audible audio (<= 400 ms) and to lips visibly moving (<= 450 ms; landmarks re-detected on
  the received frames), both by arrival time at the client, median over ``--repeat`` sentences;
- frames per second received over a new session's first 3 s (>= 24: it starts at frame rate), and idle and
  speaking over ``--seconds`` each (>= 24);
- audio/video offset (<= 40 ms either way): the lag that best lines up the received audio's loudness with
  the re-detected lip opening, on the stream's own timestamps (what a player that syncs by them shows) and
  by arrival time (what a player that shows frames as they come shows);
- interrupt to silence (<= 250 ms): from sending interrupt to the last loud audio frame's arrival;
- two concurrent sessions, both speaking: frames per second of each (>= 24);
- server RSS at the end of a ``--long`` s session against after its first minute (<= 1.05x);
- no audio from one session in another's: a session left idle while another speaks receives exact zeros.

    python benchmarks/bench_live.py [--seconds 60] [--long 600] [--repeat 5] [--start-only]

The machine is shared: the load average is printed beside the figures.
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

import httpx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from live_helpers import Peer
from processes import running_server

PROSE = (
    "The harbour was quiet in the early morning, and the boats rocked gently at their moorings. "
    "A few gulls circled overhead, calling to each other across the grey water. "
    "Down on the quay, an old man was mending a net with slow and patient hands. "
    "He had done this every morning for forty years, and he did not mean to stop now. "
)
LOUD = 0.01


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def lip_gaps(frames: list[np.ndarray]) -> np.ndarray:
    from avatar.video.measure import measure_frames

    return measure_frames(frames).gaps


def fps_between(peer: Peer, t0: float, t1: float) -> float:
    n = sum(1 for t, _, _ in peer.got.video if t0 <= t < t1)
    return n / (t1 - t0)


async def keep_speaking(peer: Peer, seconds: float) -> None:
    """Feed prose sentence by sentence so the session speaks for ``seconds`` without a pause."""
    sentences = [s.strip() + "." for s in PROSE.split(".") if s.strip()]
    end = time.monotonic() + seconds
    i = 0
    while time.monotonic() < end:
        queued = sum(1 for _, e in peer.got.events if e["type"] == "sentence")
        said = i
        if said - queued < 2:
            peer.say(sentences[i % len(sentences)])
            i += 1
        await asyncio.sleep(0.2)


async def latency(url: str, repeat: int) -> dict[str, Any]:
    """Say to first audible audio, and to lips moving, by arrival time; then interrupt to silence."""
    peer = Peer(url, size=512, keep_frames=True)
    assert (await peer.connect()).status_code == 201
    await asyncio.sleep(3.0)  # warm: the model loads when the session opens
    audible, lips, interrupts = [], [], []
    for i in range(repeat):
        peer.got.video.clear()
        await asyncio.sleep(1.0)
        idle = lip_gaps([f for _, _, f in peer.got.video if f is not None][-15:])
        base = float(np.nanmedian(idle))
        n_audio = len(peer.got.audio)
        t_say = peer.say(f"Number {i + 1}: mama made a big apple pie.")
        n_events = len(peer.got.events)
        await peer.wait_event("speaking_ended", 30, after=n_events)
        heard = [t for t, a in peer.got.audio[n_audio:] if t > t_say and np.sqrt(np.mean(a**2)) > LOUD]
        frames = [(t, f) for t, _, f in peer.got.video if t > t_say and f is not None][:40]
        gaps = lip_gaps([f for _, f in frames])
        moving = [t for (t, _), g in zip(frames, gaps, strict=True) if np.isfinite(g) and g > base + 0.08]
        audible.append(heard[0] - t_say)
        lips.append(moving[0] - t_say if moving else float("nan"))
    peer.keep_frames = False
    for _ in range(repeat):
        await asyncio.sleep(0.5)
        n_events = len(peer.got.events)
        peer.say(PROSE)
        await peer.wait_event("sentence", 30, after=n_events)
        await asyncio.sleep(1.0)
        t_int = peer.interrupt()
        await asyncio.sleep(1.0)
        loud = [t for t, a in peer.got.audio if t > t_int - 1 and np.sqrt(np.mean(a**2)) > LOUD]
        interrupts.append(max(loud) - t_int)
    await peer.close()
    return {
        "say_to_audible_ms": round(statistics.median(audible) * 1000),
        "say_to_audible_max_ms": round(max(audible) * 1000),
        "say_to_lips_ms": round(float(np.nanmedian(lips)) * 1000),
        "say_to_lips_max_ms": round(float(np.nanmax(lips)) * 1000),
        "interrupt_to_silence_ms": round(statistics.median(interrupts) * 1000),
        "interrupt_to_silence_max_ms": round(max(interrupts) * 1000),
    }


def best_lag(gaps: np.ndarray, times: np.ndarray, audio: np.ndarray, audio_t0: float) -> float:
    """Lag in seconds (positive: the audio comes after the lips) at which the audio's loudness over each
    frame's 40 ms best correlates with the frame's lip opening."""
    ok = np.isfinite(gaps)
    best, best_r = 0.0, -2.0
    for lag in np.arange(-0.2, 0.2001, 0.005):
        mids = times + 0.02 + lag - audio_t0
        env = []
        for m in mids:
            a, b = int((m - 0.02) * 48000), int((m + 0.02) * 48000)
            seg = audio[max(0, a) : max(0, b)]
            env.append(float(np.sqrt(np.mean(seg**2))) if seg.size else 0.0)
        e = np.array(env)
        r = float(np.corrcoef(gaps[ok], e[ok])[0, 1])
        if r > best_r:
            best, best_r = float(lag), r
    return best


async def start_rate(url: str, repeat: int) -> dict[str, Any]:
    """Frames per second over a new session's first 3 s of video (from its first frame), a session at a
    time: a session should start at frame rate, not warm up in front of the viewer."""
    rates, waits, from_answer = [], [], []
    for _ in range(repeat):
        peer = Peer(url, size=512, keep_frames=False)
        assert (await peer.connect()).status_code == 201
        answered = time.monotonic()
        deadline = time.monotonic() + 20.0
        while not peer.got.video and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        first = peer.got.video[0][0]
        await asyncio.sleep(max(0.0, first + 3.2 - time.monotonic()))
        rates.append(fps_between(peer, first, first + 3.0))
        waits.append(first - answered)
        from_answer.append(fps_between(peer, answered, answered + 3.0))
        await peer.close()
    return {
        "start_fps": [round(r, 1) for r in rates],
        "start_fps_median": round(statistics.median(rates), 1),
        "answer_to_first_frame_s": [round(w, 3) for w in waits],
        "first_3s_after_answer_fps": [round(r, 1) for r in from_answer],
    }


async def sustained(url: str, seconds: float) -> dict[str, Any]:
    """Frames per second idle and speaking; the A/V offset over a speaking stretch."""
    peer = Peer(url, size=512, keep_frames=False)
    assert (await peer.connect()).status_code == 201
    await asyncio.sleep(2.0)
    t0 = time.monotonic()
    await asyncio.sleep(seconds)
    idle_fps = fps_between(peer, t0, time.monotonic())
    t1 = time.monotonic()
    speaking = asyncio.ensure_future(keep_speaking(peer, seconds))
    await asyncio.sleep(min(5.0, seconds / 2))
    # keep ~8 s of frames for the offset, while speaking
    n_video = len(peer.got.video)
    peer.keep_frames = True
    await asyncio.sleep(8.0)
    peer.keep_frames = False
    await speaking
    speak_fps = fps_between(peer, t1, time.monotonic())
    kept = [(t, p, f) for t, p, f in peer.got.video[n_video:] if f is not None]
    gaps = lip_gaps([f for _, _, f in kept])
    audio = peer.got.audio_samples()
    stream_lag = best_lag(gaps, np.array([p / 90000 for _, p, _ in kept]), audio, 0.0)
    # by arrival: each frame is put where the audio stream was (by arrival) when the frame arrived, as a
    # player that shows frames as they come and plays audio as it comes would show them
    a_times = np.concatenate([np.full(a.size, t) for t, a in peer.got.audio])
    order = np.searchsorted(a_times, [t for t, _, _ in kept])
    arrival_audio_t0 = float(a_times[0])
    arrival_frame_times = np.array([arrival_audio_t0 + i / 48000 for i in order])
    arrival_lag = best_lag(gaps, arrival_frame_times - 0.02, audio, arrival_audio_t0)
    dropped = 1.0 - len(peer.got.video) / (1 + (peer.got.video[-1][1] - peer.got.video[0][1]) / 3600)
    await peer.close()
    return {
        "idle_fps": round(idle_fps, 1),
        "speaking_fps": round(speak_fps, 1),
        "dropped_share": round(dropped, 4),
        "av_offset_stream_ms": round(stream_lag * 1000),
        "av_offset_arrival_ms": round(arrival_lag * 1000),
        "lip_frames_measured": int(np.isfinite(gaps).sum()),
    }


async def concurrent(url: str, seconds: float) -> dict[str, Any]:
    """Two sessions speaking at once; and a third, idle, that must hear nothing of theirs."""
    a, b = Peer(url, size=512, keep_frames=False), Peer(url, size=512, keep_frames=False)
    quiet = Peer(url, size=128, keep_frames=False)
    for p in (a, b, quiet):
        assert (await p.connect()).status_code == 201
    await asyncio.sleep(3.0)
    t0 = time.monotonic()
    n_quiet = len(quiet.got.audio)
    await asyncio.gather(keep_speaking(a, seconds), keep_speaking(b, seconds))
    t1 = time.monotonic()
    leaked = max((float(np.abs(x).max()) for _, x in quiet.got.audio[n_quiet:]), default=0.0)
    out = {
        "two_sessions_fps": [round(fps_between(a, t0, t1), 1), round(fps_between(b, t0, t1), 1)],
        "idle_session_peak_while_others_speak": leaked,
        "speaking_sessions_loud": [bool(a.got.loud_frames()), bool(b.got.loud_frames())],
    }
    for p in (a, b, quiet):
        await p.close()
    return out


async def long_session(url: str, pid: int, seconds: float) -> dict[str, Any]:
    """RSS of the server over a long session that alternates speech and silence."""
    peer = Peer(url, size=512, keep_frames=False)
    assert (await peer.connect()).status_code == 201
    start = time.monotonic()
    first_minute = None
    while time.monotonic() - start < seconds:
        await keep_speaking(peer, 20)
        await asyncio.sleep(10)
        peer.got.audio.clear()  # the client keeps no history; only the server is measured
        peer.got.video.clear()
        peer.got.events.clear()
        if first_minute is None and time.monotonic() - start >= 60:
            first_minute = rss_mb(pid)
    end = rss_mb(pid)
    await peer.close()
    first = first_minute or end
    return {"long_s": round(time.monotonic() - start), "rss_1min_mb": round(first, 1), "rss_end_mb": round(end, 1),
            "rss_ratio": round(end / first, 3)}  # fmt: skip


async def run(args: argparse.Namespace, url: str, pid: int) -> dict[str, Any]:
    out: dict[str, Any] = {"load_average_before": os.getloadavg()}
    out.update(await start_rate(url, args.repeat))
    if args.start_only:
        out["load_average_after"] = os.getloadavg()
        return out
    out.update(await latency(url, args.repeat))
    out.update(await sustained(url, args.seconds))
    out.update(await concurrent(url, min(args.seconds, 30)))
    if args.long > 0:
        out.update(await long_session(url, pid, args.long))
    metrics = httpx.get(url + "/metrics").text
    out["server_metrics"] = {
        line.split()[0]: float(line.split()[1])
        for line in metrics.splitlines()
        if line.startswith(
            (
                "avatar_live_frames",
                "avatar_live_say_to_first_audio_seconds_sum",
                "avatar_live_say_to_first_audio_seconds_count",
                "avatar_live_render_lag_seconds_sum",
                "avatar_live_render_lag_seconds_count",
            )
        )
    }
    out["load_average_after"] = os.getloadavg()
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=60.0, help="idle, then speaking, for this long each")
    p.add_argument("--long", type=float, default=600.0, help="length of the RSS session (0: skip)")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--start-only", action="store_true", help="only the first-3-s frame rate of new sessions")
    args = p.parse_args()
    sets = ("serve.live.max_sessions=4", "serve.live.user_sessions=4", "serve.live.idle_timeout_s=3600")
    args_ = [a for x in sets for a in ("--set", x)]
    with tempfile.TemporaryDirectory(prefix="bench-live-") as tmp, running_server(Path(tmp), *args_) as server:
        figures = asyncio.run(run(args, server.url, server.proc.pid))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
