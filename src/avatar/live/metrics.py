"""Live-session metrics, in the server's own Prometheus registry (``GET /metrics``)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

LAG_BUCKETS = (0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28)
FIRST_AUDIO_BUCKETS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 1.0, 2.0, 5.0)


class LiveMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        r = registry
        self.sessions = Gauge("avatar_live_sessions", "Open live sessions.", registry=r)
        self.sessions_total = Counter("avatar_live_sessions_opened", "Live sessions opened.", registry=r)
        self.closed = Counter("avatar_live_sessions_closed", "Live sessions closed, by reason.", ["reason"], registry=r)
        self.frames = Counter("avatar_live_frames_rendered", "Video frames rendered for live sessions.", registry=r)
        self.dropped = Counter("avatar_live_frames_dropped", "Video frames dropped because they were late.", registry=r)
        self.render_lag = Histogram(
            "avatar_live_render_lag_seconds",
            "How far ahead of its due time (negative: behind) a frame was ready; observed as lag = -lead.",
            buckets=LAG_BUCKETS,
            registry=r,
        )
        self.first_audio = Histogram(
            "avatar_live_say_to_first_audio_seconds",
            "From a say to the first audio frame sent of the speech it started (silence to speech).",
            buckets=FIRST_AUDIO_BUCKETS,
            registry=r,
        )
        self.replies_ahead = Counter(
            "avatar_live_replies_begun_ahead",
            "Replies begun at a pause's transcript (serve.live.chat.think_ahead), by outcome: used (the turn "
            "ended there) or withdrawn (the caller went on).",
            ["outcome"],
            registry=r,
        )
