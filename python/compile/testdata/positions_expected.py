"""Writes where CPython 3.12 puts the instructions that can raise.

Run from python/compile with CPython 3.12 (TestPositionsMatchCPython
says so when a file is stale):

    python3.12 testdata/positions_expected.py

For every positions/NAME.py it writes positions/NAME.pos: for each code
object ("code QUALNAME FIRSTLINE"), the set of (kind, line, column,
end line, end column) of its instructions that can raise and so get a
traceback caret -- calls, operators, subscripts, attributes, comparisons,
name loads, unpacking, iteration, formatting, imports, raise. Kinds name
what the instruction does, not CPython's opcode, so that rwgil's
instructions map onto them (LOAD_METHOD and LOAD_ATTR are both "attr").
"""
import dis
import glob
import os
import sys

if sys.version_info[:2] != (3, 12):
    sys.exit("positions_expected.py needs CPython 3.12, this is %s" % sys.version)

KINDS = {
    "CALL": "call", "CALL_FUNCTION_EX": "call",
    "BINARY_SUBSCR": "subscr", "STORE_SUBSCR": "store_subscr", "DELETE_SUBSCR": "del_subscr",
    "BINARY_SLICE": "slice", "STORE_SLICE": "store_slice",
    "LOAD_ATTR": "attr", "LOAD_SUPER_ATTR": "attr", "STORE_ATTR": "store_attr", "DELETE_ATTR": "del_attr",
    "LOAD_FAST": "load", "LOAD_FAST_CHECK": "load", "LOAD_GLOBAL": "load", "LOAD_NAME": "load",
    "LOAD_DEREF": "load", "LOAD_FROM_DICT_OR_DEREF": "load",
    "UNPACK_SEQUENCE": "unpack", "UNPACK_EX": "unpack",
    "GET_ITER": "iter", "FORMAT_VALUE": "format",
    "IMPORT_NAME": "import", "IMPORT_FROM": "import_from", "RAISE_VARARGS": "raise",
}


def kind(ins):
    if ins.opname == "BINARY_OP":
        return "binop " + ins.argrepr
    if ins.opname in ("COMPARE_OP", "IS_OP", "CONTAINS_OP"):
        return "compare " + ins.opname + " " + str(ins.arg if ins.opname != "COMPARE_OP" else ins.argrepr)
    return KINDS.get(ins.opname)


def walk(code, out):
    rows = set()
    for ins in dis.get_instructions(code):
        k = kind(ins)
        p = ins.positions
        if k is None or p is None or p.lineno is None:
            continue
        rows.add("%s %d %d %d %d" % (k, p.lineno, p.col_offset, p.end_lineno, p.end_col_offset))
    out.append("code %s %d" % (code.co_qualname, code.co_firstlineno))
    out.extend(sorted(rows))
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            walk(c, out)


here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, "positions", "*.py"))):
    with open(path, "rb") as f:
        src = f.read()
    out = []
    walk(compile(src, os.path.basename(path), "exec"), out)
    with open(path[:-3] + ".pos", "w") as f:
        f.write("\n".join(out) + "\n")
