"""Stages in worker processes of their own; see host.py."""
