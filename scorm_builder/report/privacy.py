"""Which groups may be shown: the minimum group size and no subtraction between levels.

Rule 1: a group is shown only with at least ``k`` counted learners (and so at least ``k`` who
started). Rule 2: under every group shown, the learners in its hidden subgroups plus its direct
members outside the shown subgroups number 0 or at least ``k``, for both populations the report
describes (learners who counted, learners who started); where they do not, the smallest shown
subgroup is hidden too. A hidden group hides everything under it. Every set that can be computed
from shown groups by adding and subtracting is then a union of such remainders, so none holds
between 1 and ``k - 1`` people.

Rule 3, for a shown group's progress (who started, who completed, where they stopped): its numbers
mix four kinds of learner (counted or not, completed or not), so ``started`` minus ``learners`` is
the people who did not finish, a set the first two rules do not see. Progress is published only
where each kind numbers 0 or at least ``k``, in the group and in the remainder under it (the group
less its nearest subgroups whose progress is published); where a remainder is not, the smallest such
subgroup's progress is left out too (:func:`progress_shown`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

#: The smallest --min-group accepted: a group of one or two is a person.
FLOOR = 3
Sizes = tuple[int, ...]  # (counted, started) learners in a group and everything under it


def shown_groups(paths: Iterable[str], sizes: Mapping[str, Sizes], k: int) -> list[str]:
    """Return the paths to show in tree order (``""``, the whole organisation, first).

    Args:
        paths: every group path except ``""``; each one's ancestors are in it too.
        sizes: path -> (counted, started) of that group's subtree; missing means (0, 0).
        k: the minimum group size (at least :data:`FLOOR`).
    """
    if k < FLOOR:
        raise ValueError(f"the minimum group size is at least {FLOOR}")
    children: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        children[path.rsplit("/", 1)[0] if "/" in path else ""].append(path)
    zero: Sizes = (0, 0)
    if sizes.get("", zero)[0] < k:
        return []
    shown, todo = [""], [""]
    while todo:
        group = todo.pop(0)
        total = sizes.get(group, zero)
        kept = sorted(
            (c for c in children[group] if sizes.get(c, zero)[0] >= k),
            key=lambda c: (sizes.get(c, zero), c),
        )
        while kept and not _safe(total, [sizes.get(c, zero) for c in kept], k):
            kept.pop(0)  # hide the smallest shown subgroup: what remains grows by at least k
        kept.sort()
        shown += kept
        todo += kept
    return sorted(shown, key=lambda p: p.split("/") if p else [])


def progress_shown(shown: Iterable[str], kinds: Mapping[str, Sizes], k: int) -> set[str]:
    """Return the shown groups whose progress may be published (rule 3).

    Args:
        shown: the groups :func:`shown_groups` returned.
        kinds: path -> the learners of each kind in that group's subtree (any fixed number of kinds,
            each learner in exactly one).
        k: the minimum group size.
    """
    kept = {p for p in shown if all(n == 0 or n >= k for n in kinds.get(p, ()))}
    for group in sorted(kept, key=_depth):  # parents first: hiding a subgroup's progress shows its own
        while group in kept:
            nearest = _nearest(group, kept)
            if _safe(kinds[group], [kinds[d] for d in nearest], k):
                break
            kept.discard(min(nearest, key=lambda d: (kinds[d], d)))
    return kept


def _depth(path: str) -> int:
    return path.count("/") + 1 if path else 0


def _under(path: str, group: str) -> bool:
    return path != group and (group == "" or path.startswith(group + "/"))


def _nearest(group: str, kept: set[str]) -> list[str]:
    """Return the groups of ``kept`` under ``group`` with no other group of ``kept`` between."""
    below = [p for p in kept if _under(p, group)]
    return [p for p in below if not any(_under(p, m) for m in below)]


def _safe(total: Sizes, kept: list[Sizes], k: int) -> bool:
    """Return whether the remainder (total minus the shown subgroups) is 0 or at least k in each population."""
    for n, whole in enumerate(total):
        rest = whole - sum(s[n] for s in kept)
        if 0 < rest < k:
            return False
    return True
