"""Pure memory arithmetic, kept apart so it can be checked exhaustively (hypothesis)."""

from __future__ import annotations


def headroom_mb(free_mb: float, margin_mb: float) -> float:
    """What a stage may use: free memory minus the safety margin, never negative."""
    return max(0.0, free_mb - margin_mb)


def fits(free_mb: float, margin_mb: float, required_mb: float) -> bool:
    """True only when free minus the margin covers the requirement."""
    if required_mb < 0 or margin_mb < 0:
        raise ValueError("memory figures must be non-negative")
    return free_mb - margin_mb >= required_mb


def returned_within(before_mb: float, after_mb: float, tolerance_mb: float) -> bool:
    """Did memory come back after cleanup? ``after`` may exceed ``before`` by at most the tolerance."""
    return after_mb - before_mb <= tolerance_mb
