"""Batch production: many jobs through one pipeline, stage-major, resumable, on one machine or on Ray.

Modules: ``spec`` (batch files), ``store`` (SQLite state), ``workers`` (identity, liveness,
heartbeat), ``jobs`` (run folders and outputs), ``local`` (a worker), ``pool`` / ``ray_executor``
(several workers), ``sync`` (file -> store), ``execute`` (one `batch run`), ``report`` (summary,
status, verify), ``schedule`` (cron schedules).
"""
