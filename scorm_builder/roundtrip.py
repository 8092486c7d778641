"""Edit a content file in place and keep its comments, key order, quoting, flow mappings and indentation.

The loader reads content with PyYAML, which forgets all of that; an edit made by a command
(``new``, ``translate import``) goes through ruamel.yaml's round-trip mode instead, so the author's
file changes only where the edit is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

#: (mapping indent, sequence indent, dash offset) layouts tried, the content's own first.
LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (4, 2, 0))
#: Styles a new scalar can copy from its neighbour.
STYLES = (DoubleQuotedScalarString, SingleQuotedScalarString, LiteralScalarString, FoldedScalarString)

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML file read for editing: its tree and the layout that writes it back unchanged."""

    data: Any
    yaml: YAML
    #: Whether writing the unedited tree back gives the file byte for byte.
    exact: bool

    def dump(self) -> str:
        """Return the (edited) file's text."""
        return _dump(self.yaml, self.data)


def _make(layout: tuple[int, int, int], explicit_start: bool = False) -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.explicit_start = explicit_start
    yaml.width = 1 << 16  # never re-wrap a long line
    mapping, sequence, offset = layout
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def parse(text: str, for_writing: bool = True) -> Document:
    """Read ``text`` with the first layout that writes it back unchanged (else the first layout).

    With ``for_writing`` False the layout is not looked for (the tree and its lines are the same).
    """
    start = text.startswith("---")
    for layout in LAYOUTS if for_writing else ():
        yaml = _make(layout, start)
        data = yaml.load(text)
        if _dump(yaml, data) == text:
            return Document(data, yaml, exact=True)
    yaml = _make(LAYOUTS[0], start)
    return Document(yaml.load(text), yaml, exact=False)


def load(path: Path, for_writing: bool = True) -> Document:
    """Read the file at ``path`` for editing (or, with ``for_writing`` False, only for its tree and lines)."""
    return parse(path.read_text(encoding="utf-8"), for_writing)


def node_at(data: Any, loc: Loc) -> Any:
    """Return the node ``loc`` reaches (mapping keys and sequence indexes), or None."""
    node = data
    for part in loc:
        if (isinstance(node, CommentedMap) and part in node) or (
            isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
        else:
            return None
    return node


def line_of(data: Any, loc: Loc) -> int | None:
    """Return the 1-based line where the value at ``loc`` starts (as the loader counts it), or None."""
    if not loc:
        return 1
    parent = node_at(data, loc[:-1])
    last = loc[-1]
    try:
        if isinstance(parent, CommentedMap):
            line = parent.lc.value(last)[0]
        elif isinstance(parent, CommentedSeq):
            line = parent.lc.item(last)[0]
        else:
            return None
    except (KeyError, IndexError, TypeError):
        return None
    return int(line) + 1


def styled(value: str, like: Any) -> Any:
    """Return ``value`` written in the scalar style of ``like`` (double or single quoted, ``|``, ``>``, plain).

    Without a ``like`` (a new text), the value is double-quoted, as the content files write texts.
    """
    if like is None:
        return DoubleQuotedScalarString(value)
    for style in STYLES:
        if isinstance(like, style):
            if style is SingleQuotedScalarString and "\n" in value:
                return DoubleQuotedScalarString(value)
            if style in (LiteralScalarString, FoldedScalarString) and like.endswith("\n"):
                value = value.rstrip("\n") + "\n"  # keep the block's ending (`|`, not `|-`)
            return style(value)
    return value


def set_text(data: Any, loc: Loc, lang: str, value: str, like_lang: str) -> bool:
    """Set language ``lang`` of the text mapping at ``loc`` to ``value``; return whether it changed.

    A new language goes last, in the style of the same text's ``like_lang``; an existing one keeps its style.
    """
    text = node_at(data, loc)
    if not isinstance(text, CommentedMap):
        raise KeyError(loc)
    old = text.get(lang)
    if old is not None and str(old).strip() == value.strip():
        return False
    like = old if old is not None else text.get(like_lang, next(iter(text.values()), None))
    following = _take_following_comment(text) if old is None else None
    text[lang] = styled(value, like)
    if following:
        text.ca.items[lang] = [None, None, _comment_after(text[lang], following), None]
    return True


def _comment_after(value: Any, following: str) -> CommentToken:
    """Return the comment token that puts the lines ``following`` after ``value``."""
    if isinstance(value, (LiteralScalarString, FoldedScalarString)):  # ends with its own newline
        lines = following.lstrip(" ")
        return CommentToken(lines, CommentMark(len(following) - len(lines)), None)
    return CommentToken("\n" + following, CommentMark(0), None)


def append(seq: CommentedSeq, value: Any) -> None:
    """Append ``value`` to a sequence; comment lines after its last item stay after the new one."""
    following = _take_following_comment(seq)
    seq.append(value)
    if following:
        seq.ca.items[len(seq) - 1] = [_comment_after(value, following), None, None, None]


def _take_following_comment(node: CommentedMap | CommentedSeq) -> str | None:
    """Detach the full-line comments after a block collection's last entry, to follow a new last entry.

    ruamel.yaml keeps the comment lines between a collection's last value and the next key (``# note``
    above the next field) with that last value; an entry appended after it would land below them.
    The end-of-line comment of the last value stays where it is.
    """
    if node.fa.flow_style() or not node:
        return None
    last, index = (len(node) - 1, 0) if isinstance(node, CommentedSeq) else (next(reversed(node)), 2)
    slot = node.ca.items.get(last)
    if not slot or len(slot) <= index or slot[index] is None:
        return None
    token = slot[index]
    if isinstance(node[last], (LiteralScalarString, FoldedScalarString)):
        # A block scalar has no end-of-line comment; the first line's indent is the token's column.
        own, newline, following = "", "", " " * token.column + token.value
    else:
        own, newline, following = token.value.partition("\n")
    if not following:
        return None
    if own.strip():
        token.value = own + newline
    else:
        slot[index] = None
    return following


def new_document(comment: str) -> Document:
    """Return an empty file (a mapping) that starts with ``comment``."""
    data = CommentedMap()
    data.yaml_set_start_comment(comment)
    return Document(data, _make(LAYOUTS[0]), exact=True)


def text_mapping(data: CommentedMap, key: str) -> CommentedMap:
    """Return the text mapping under ``key``, adding an empty flow mapping (``{nb: ...}``) if missing."""
    if key not in data:
        text = CommentedMap()
        text.fa.set_flow_style()
        data[key] = text
    return data[key]
