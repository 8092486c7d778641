"""``scorm-builder report``: the anonymous group report of a course, from xAPI statements.

Read statements (files or an LRS), keep this course's latest answers per learner, score each
learner by the course's own rules, add them up per group of GROUPS.csv, hide every group that is
too small or could be subtracted, and write ``report.html``, ``report.json`` and ``report.csv``.
"""
