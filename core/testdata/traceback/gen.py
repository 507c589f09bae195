#!/usr/bin/env python3.12
"""Writes cases.json for core's TestSourceLines: for each program below,
the source line and caret line CPython 3.12 prints for the innermost
frame of its uncaught exception (from running it), and the span of the
instruction that raised (from the traceback object). Run from this
directory:  python3.12 gen.py > cases.json
"""
import json, os, subprocess, sys, tempfile

assert sys.version_info[:2] == (3, 12)
PROGRAMS = [
    'x = 1 + "s"',
    'a = 1\nx = (a)  //  0',
    'a = 1\nx = ((a) + "s")',
    'a = [1]\nx = (a) [ 5 ]',
    'def f():\n    return [] [0]   \nf()',
    'x = {\n  "a": 1}["b"]',
    'x = 1 + \\\n  "s"',
    'if True:\n\tx = 1; y = x / 0',
    'x = None\nx.y',
    'x = [1]\nx[0][1]',
    'x = 1\ndel x[0]',
    'd = {}\nd[1] += 1',
    'x = 1; x(1) + 2',
    'x = 1 if 1/0 else 2',
    'y = "中文" + 1',
    'y = ("中文", 1)[0] + 1',
    'x = {"中": 1}\ny = x["中文"]',
    'x = "é"; y = x + 1',
    'z = 1; x = "🐍"; y = x + z',
    'def f(): return "中" + 1\nf()',
    'a = 1\nx = (a +\n  "s")',
    '# -*- coding: latin-1 -*-\nx = "é"; y = x + 1',
    'x = 2 ** -1 ** "s"',
    'x = [1, 2][1:"a"]',
    'x = [][\n 0]',
    'def g(a):\n    return a[0] - \\\n        1\ng("s")',
    'raise ValueError("whole line")',
    'x = 1 % 0  ',
]

def innermost(src):
    with tempfile.NamedTemporaryFile("wb", suffix=".py", delete=False) as f:
        f.write(src.encode("utf-8"))
        path = f.name
    try:
        err = subprocess.run([sys.executable, path], capture_output=True).stderr.decode("utf-8")
        lines = err.splitlines(keepends=True)
        last = max(i for i, l in enumerate(lines) if l.startswith("  File "))
        shown = "".join(l for l in lines[last + 1:-1])
        code = compile(src.encode("utf-8"), path, "exec")
        try:
            exec(code, {"__name__": "__main__"})
        except BaseException as e:
            tb = e.__traceback__
            while tb.tb_next:
                tb = tb.tb_next
            pos = list(tb.tb_frame.f_code.co_positions())[tb.tb_lasti // 2]
            return {"src": src, "line": tb.tb_lineno, "pos": [p if p is not None else 0 for p in pos], "out": shown}
    finally:
        os.unlink(path)

json.dump([innermost(p) for p in PROGRAMS], sys.stdout, ensure_ascii=False, indent=1)
print()
