"""Pipelines: the spec (layered config), the plan (what runs where, does it fit) and the runner."""
