"""Stages: the units a pipeline runs one at a time. Built-ins register through the `avatar.stages`
entry-point group, like third-party stages do."""

from avatar.stages.base import Job, Stage, StageContext, StageEnv, StageOptions, StageResult

__all__ = ["Job", "Stage", "StageContext", "StageEnv", "StageOptions", "StageResult"]
