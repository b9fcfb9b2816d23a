"""Configuration: strict schemas, safe YAML loading and the layered merge."""
