"""Allow ``python -m scorm_builder``."""

from .cli import run

run()
