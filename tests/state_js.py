"""Run the runtime's text code and resume-state code (``textcode.js``, ``state.js``) in node, in batches."""

from __future__ import annotations

from typing import Any

from support import ROOT, run_node

RUNTIME = ROOT / "scorm_builder" / "runtime"
#: Reads {"table", "layout", "ops": [[op, arg], ...]} on stdin and writes one JSON result per op.
DRIVER = r"""
const T = require(process.argv[1]), S = require(process.argv[2]);
let data = '';
process.stdin.on('data', (c) => { data += c; }).on('end', () => {
  const b = JSON.parse(data), code = T.make(b.table), state = b.layout ? S.make(b.layout, code) : null;
  const run = {
    encode: (t) => code.encode(t),
    size: (t) => code.size(t),
    decode: (s) => code.decode(s),
    encodeState: (st) => state.encode(Object.assign(state.empty(), st)),
    decodeState: (s) => state.decode(s),
    seq: (s) => state.seq(s),
  };
  process.stdout.write(JSON.stringify(b.ops.map(([op, arg]) => run[op](arg))));
});
"""


def node(ops: list[tuple[str, Any]], layout: dict[str, Any] | None = None) -> list[Any]:
    """Run ``ops`` ([(operation, argument)]) in one node process; return their results in order."""
    from scorm_builder.textcode import runtime_table

    batch = {"table": runtime_table(), "layout": layout, "ops": ops}
    return run_node(DRIVER, [RUNTIME / "textcode.js", RUNTIME / "state.js"], batch)
