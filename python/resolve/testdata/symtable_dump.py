"""Writes CPython's symbol table of each testdata program, for resolve's tests.

Run from python/resolve with a python3 of version 3.12:

    python3.12 testdata/symtable_dump.py

For every scopes/NAME.py it writes scopes/NAME.symtable: one line per scope
(kind, name, first line), then one line per symbol: its name, its scope
(1 local, 2 global explicit, 3 global implicit, 4 free, 5 cell) and its
flags. For every errors/NAME.py it writes errors/NAME.err: the SyntaxError
CPython reports when it compiles the file, as "line offset end_line
end_offset message".
"""
import glob
import os
import symtable
import sys

if sys.version_info[:2] != (3, 12):
    sys.exit("symtable_dump.py needs CPython 3.12, this is %s" % sys.version)

here = os.path.dirname(os.path.abspath(__file__))


def dump(t, out, depth=0):
    out.append("%s%s %s %d" % ("  " * depth, t.get_type(), t.get_name(), t.get_lineno()))
    for s in t.get_symbols():
        v = s._Symbol__flags
        out.append("%s  %s %d %#x" % ("  " * depth, s.get_name(), (v >> 12) & 7, v & 0xFFF))
    for c in t.get_children():
        dump(c, out, depth + 1)


for path in sorted(glob.glob(os.path.join(here, "scopes", "*.py"))):
    with open(path, "rb") as f:
        src = f.read()
    out = []
    dump(symtable.symtable(src.decode(), os.path.basename(path), "exec"), out)
    with open(path[:-3] + ".symtable", "w") as f:
        f.write("\n".join(out) + "\n")

