"""scorm-builder: course content files in, SCORM 1.2, SCORM 2004, xAPI and cmi5 packages out."""

__version__ = "0.1.0"
