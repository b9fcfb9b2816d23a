"""The device queue's behaviour (:class:`avatar.serve.device.scheduler.Scheduler`) with real jobs whose work is
a plain function, a clock the test moves and rules the test sets (what fits beside a run, which stage may be
suspended): order by class, each caller's share, the yields at a run's boundaries, the interactive lane and
suspension, in milliseconds, with no server, no model and no device. (The same scheduler under the real
serve policy and real models: ``tests/e2e/test_serve_scheduling.py``, ``tests/e2e/test_residency.py``.)"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from avatar.config.schema import Settings
from avatar.errors import DeviceBusy
from avatar.serve.device.scheduler import Scheduler, Suspendable
from avatar.serve.device.tasks import BATCH, INTERACTIVE, STUDIO, Call, PipelineRun, SpeechTask, Task, VoiceWork
from avatar.serve.metrics import Metrics


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Stage:
    """A run's stage that gives its memory back while suspended; what happens to it goes to ``log``."""

    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.suspended = False

    @property
    def name(self) -> str:
        return "stage speech"

    def suspend(self) -> float:
        self.suspended = True
        self.log.append("suspend")
        return 0.0

    def resume(self) -> float:
        self.suspended = False
        self.log.append("resume")
        return 0.01


class Rig:
    """A scheduler whose ``handle`` runs the job's function and records which job ran on which thread."""

    def __init__(self, *, queue: int = 16, queued: int = 16, device_thread: bool = True) -> None:
        settings = Settings.model_validate({"serve": {"queue": queue, "limits": {"queued": queued}}})
        self.clock = Clock()
        self.metrics = Metrics()
        self.ran: list[tuple[str, str]] = []  # (label, thread name)
        self.fits = True
        self.stage: Suspendable | None = None
        self.device_thread = device_thread
        self.seen_in_hand: list[Task | None] = []
        self.scheduler = Scheduler(
            settings.serve,
            self.metrics,
            handle=self.handle,
            fits_beside=lambda job: self.fits,
            room_for=lambda job: self.stage,
            on_device_thread=lambda: self.device_thread,
            clock=self.clock,
        )

    def handle(self, job: Task) -> None:
        self.seen_in_hand.append(self.scheduler.in_hand)
        assert isinstance(job, Call)
        job.emit(job.fn())
        self.scheduler.mark(job)
        self.scheduler.release(job)

    def job(self, label: str, klass: str = INTERACTIVE, user: str | None = None, **kw: Any) -> Call:
        def work() -> str:
            self.ran.append((label, threading.current_thread().name))
            return label

        return Call(lambda item: None, work, klass=klass, user=user, **kw)

    def sample(self, name: str, labels: dict[str, str] | None = None) -> float:
        value = self.metrics.registry.get_sample_value(name, labels or {})
        return 0.0 if value is None else value


def test_the_best_class_first_and_arrival_order_within_a_class() -> None:
    rig = Rig()
    s = rig.scheduler
    for label, klass in [("b1", BATCH), ("s1", STUDIO), ("i1", INTERACTIVE), ("s2", STUDIO), ("i2", INTERACTIVE)]:
        s.submit(rig.job(label, klass))
        rig.clock.now += 1.0
    assert rig.sample("avatar_queue_class_depth", {"class": STUDIO}) == 2.0
    taken = []
    while (job := s.take(0)) is not None:
        assert isinstance(job, Call)
        taken.append(job.fn())
    assert taken == ["i1", "i2", "s1", "s2", "b1"]
    # each wait is recorded under its class, on the scheduler's clock: i1 waited 3 s, i2 1 s
    assert rig.sample("avatar_queue_wait_seconds_sum", {"class": INTERACTIVE}) == pytest.approx(4.0)
    assert rig.sample("avatar_queue_wait_seconds_sum", {"class": BATCH}) == pytest.approx(5.0)
    assert rig.sample("avatar_queue_depth") == 0.0


def test_a_callers_share_is_refused_before_anything_is_queued_and_given_back_once() -> None:
    rig = Rig(queued=2)
    s = rig.scheduler
    first, second = rig.job("a", user="ann"), rig.job("b", user="ann")
    s.submit(first)
    s.submit(second)
    with pytest.raises(DeviceBusy) as refused:
        s.submit(rig.job("c", user="ann"))
    assert refused.value.reason == "quota_queued" and "serve.limits.queued" in str(refused.value)
    assert s.tasks.qsize() == 2
    s.submit(rig.job("d", user="bob"))  # another caller's share is their own
    s.submit(rig.job("e"))  # nobody's share (a keyless server's one user)
    s.release(first)
    s.release(first)  # once, however often
    assert s.places == {"ann": 1, "bob": 1}
    s.submit(rig.job("f", user="ann"))
    assert s.places["ann"] == 2


def test_a_full_queue_is_refused_and_a_resumed_job_needs_no_second_admission() -> None:
    rig = Rig(queue=2)
    s = rig.scheduler
    s.submit(rig.job("a"))
    parked = SpeechTask("m", ["one.", "two."], lambda item: None, klass=INTERACTIVE)
    s.submit(parked)
    with pytest.raises(DeviceBusy) as refused:
        s.submit(rig.job("c"))
    assert refused.value.reason == "queue_full"
    assert s.take(0) is not None and s.take(0) is parked
    s.submit(rig.job("d"))
    s.submit(rig.job("e"))  # the queue is full again
    s.resume(parked)  # a parked job goes back with the place it holds, behind its class
    assert [s.take(0) for _ in range(3)][-1] is parked


def test_at_a_boundary_interactive_work_that_fits_runs_here_and_the_run_goes_on() -> None:
    rig = Rig()
    s = rig.scheduler
    run = PipelineRun(lambda item: None, lambda: None)
    s.in_hand, s.answered = run, False
    answered: list[Any] = []
    s.submit(rig.job("later", STUDIO))
    s.submit(Call(answered.append, lambda: "spoken"))
    s.submit(rig.job("check"))
    s.yield_point()
    assert [label for label, _ in rig.ran] == ["check"] and answered == ["spoken"]
    assert rig.seen_in_hand[0] is not run  # the yielded job is the one in hand while it runs...
    assert s.in_hand is run and not s.answered  # ...then the run is again, still unanswered
    assert rig.sample("avatar_run_yields_total") == 2.0
    assert s.tasks.qsize() == 1  # the studio task waits for the run to end
    s.yield_point()  # nothing interactive waits: cheap, nothing runs
    assert len(rig.ran) == 1


def test_a_boundary_off_the_device_thread_runs_nothing() -> None:
    rig = Rig(device_thread=False)  # a run elsewhere (Ray) has no boundary on the device thread
    rig.scheduler.submit(rig.job("check"))
    rig.scheduler.yield_point()
    assert rig.ran == [] and rig.scheduler.tasks.qsize() == 1


def test_work_that_does_not_fit_waits_for_a_boundary_where_it_does() -> None:
    rig = Rig()
    rig.fits = False
    rig.scheduler.submit(rig.job("big"))
    rig.scheduler.yield_point()
    assert rig.ran == [] and rig.scheduler.tasks.qsize() == 1
    rig.fits = True  # the run's stage ended
    rig.scheduler.yield_point()
    assert [label for label, _ in rig.ran] == ["big"]


def test_work_that_fits_only_without_the_runs_stage_suspends_it_for_its_length() -> None:
    rig = Rig()
    log: list[str] = []
    stage = Stage(log)
    rig.fits, rig.stage = False, stage

    def speak() -> str:
        assert stage.suspended  # the stage's memory is back while the interactive job runs
        log.append("speech")
        return "spoken"

    rig.scheduler.submit(Call(lambda item: None, speak))
    rig.scheduler.yield_point()
    assert log == ["suspend", "speech", "resume"] and not stage.suspended
    assert rig.sample("avatar_run_suspensions_total") == 1.0
    assert rig.scheduler.tasks.qsize() == 0


def test_beside_a_run_the_lane_runs_interactive_work_that_fits_at_once() -> None:
    rig = Rig()
    s = rig.scheduler
    handled = threading.Event()
    check = VoiceWork(lambda item: handled.set(), lambda: rig.ran.append(("voice", threading.current_thread().name)))

    def run() -> str:
        s.submit(rig.job("later", BATCH))
        s.submit(check)
        assert handled.wait(5)  # answered while the run still holds this thread
        return "run done"

    assert s.beside(run) == "run done"
    assert rig.ran == [("voice", "avatar-interactive-lane")]
    assert rig.sample("avatar_run_beside_total") == 1.0
    assert s.tasks.qsize() == 1  # the batch job is not the lane's
    s.submit(rig.job("after"))  # the lane is closed once the run ends: nothing takes it
    assert s.tasks.qsize() == 2


def test_the_lane_leaves_work_that_does_not_fit_for_the_runs_next_boundary() -> None:
    rig = Rig()
    rig.fits = False
    s = rig.scheduler
    lane_saw: list[int] = []

    def run() -> None:
        s.submit(rig.job("big"))
        threading.Event().wait(0.1)  # several turns of the lane
        lane_saw.append(len(rig.ran))
        rig.fits = True
        s.yield_point()  # the boundary: it fits now (the stage ended)

    s.beside(run)
    assert lane_saw == [0]
    assert [label for label, _ in rig.ran] == ["big"]
