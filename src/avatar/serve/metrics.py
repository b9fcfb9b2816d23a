"""Prometheus metrics of one server, in a registry of its own (``GET /metrics``)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "avatar_requests", "HTTP requests by route and status.", ["route", "status"], registry=r
        )
        self.latency = Histogram(
            "avatar_request_seconds", "Request latency by route.", ["route"], buckets=LATENCY_BUCKETS, registry=r
        )
        self.first_audio = Histogram(
            "avatar_time_to_first_audio_seconds",
            "From a speech request's arrival to its first audio bytes.",
            ["model"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.queue_depth = Gauge("avatar_queue_depth", "Jobs waiting for the device thread.", registry=r)
        self.class_depth = Gauge(
            "avatar_queue_class_depth", "Jobs waiting, by class (interactive, studio, batch).", ["class"], registry=r
        )
        self.class_wait = Histogram(
            "avatar_queue_wait_seconds", "Time a job waited for the device, by class.", ["class"],
            buckets=LATENCY_BUCKETS, registry=r,
        )  # fmt: skip
        self.beside = Counter(
            "avatar_run_beside", "Interactive jobs run beside a pipeline run (both fit in memory).", registry=r
        )
        self.yields = Counter(
            "avatar_run_yields", "Interactive jobs run at a pipeline run's job or chunk boundary.", registry=r
        )
        self.suspensions = Counter(
            "avatar_run_suspensions",
            "Times a pipeline run's stage was unloaded at a chunk boundary so that interactive work that did not fit "
            "beside it could run (then loaded again).",
            registry=r,
        )
        self.loads = Counter("avatar_model_loads", "Model loads.", ["model"], registry=r)
        self.unloads = Counter("avatar_model_unloads", "Model unloads, by reason.", ["model", "reason"], registry=r)
        self.load_seconds = Histogram(
            "avatar_model_load_seconds", "Seconds a model load took.", ["model"], buckets=LATENCY_BUCKETS, registry=r
        )
        self.model_memory = Gauge("avatar_model_memory_mb", "Memory a loaded model holds (MB).", ["model"], registry=r)
        self.device_used = Gauge(
            "avatar_device_used_mb", "Memory this server holds on the device (MB).", ["device"], registry=r
        )
        self.device_free = Gauge("avatar_device_free_mb", "Memory free on the device (MB).", ["device"], registry=r)
        self.returned = Counter(
            "avatar_memory_returned_mb", "Memory given back by unloads (MB).", ["model"], registry=r
        )
        self.unreturned = Counter(
            "avatar_memory_not_returned",
            "Unloads after which memory did not come back within tolerance.",
            ["model"],
            registry=r,
        )
        self.worker_restarts = Counter(
            "avatar_worker_restarts", "Device threads that died and were replaced.", registry=r
        )
        self.oom = Counter("avatar_out_of_memory", "Out-of-memory errors, by model.", ["model"], registry=r)

    def render(self) -> bytes:
        return generate_latest(self.registry)
