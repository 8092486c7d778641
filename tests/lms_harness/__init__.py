"""Browser test harness: a SCORM package run under scorm-again in headless Chromium.

The harness plays the LMS. A loopback HTTP server serves the LMS page (``lms.html``),
scorm-again's ``dist`` files and the unzipped package; ``lms.html`` creates
``window.API`` (SCORM 1.2) or ``window.API_1484_11`` (SCORM 2004), logs every call,
injects faults on request and frames the SCO. Every launch gets a fresh browser
context whose requests off loopback are aborted and recorded.

Example:
    lms = LmsHarness(browser, package_dir, standard="scorm2004")
    run = lms.launch()
    run.sco.click("text=Next")
    assert run.value("cmi.location") == "2"
    run.close()
    assert lms.launch().value("cmi.entry") == "resume"
"""

from .browser import CHROMIUM_FLAGS, ChromiumMissing, chromium_executable, launch_chromium
from .harness import LmsHarness, LmsOptions, LmsRun
from .server import HarnessServer

__all__ = [
    "CHROMIUM_FLAGS",
    "ChromiumMissing",
    "HarnessServer",
    "LmsHarness",
    "LmsOptions",
    "LmsRun",
    "chromium_executable",
    "launch_chromium",
]
