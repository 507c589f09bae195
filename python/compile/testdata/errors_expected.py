"""Writes what CPython 3.12 reports when it compiles each errors/NAME.py.

Run from python/compile with CPython 3.12 (go test ./python/compile -run
TestCompileErrors says the command when the files are stale):

    python3.12 testdata/errors_expected.py

errors/NAME.err gets one line: "ok" when the file compiles, else
"KIND LINE OFFSET END_LINE END_OFFSET MESSAGE", the exception's class and
the attributes of the SyntaxError (None as 0). For a file that does not
compile, errors/NAME.stderr gets what "python3.12 NAME.py" prints, with
the directory taken out of the File line.
"""
import glob
import os
import subprocess
import sys

if sys.version_info[:2] != (3, 12):
    sys.exit("errors_expected.py needs CPython 3.12, this is %s" % sys.version)

here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, "errors", "*.py"))):
    with open(path, "rb") as f:
        src = f.read()
    name = os.path.basename(path)
    try:
        compile(src, name, "exec")
        line = "ok"
    except SyntaxError as e:
        line = "%s %d %d %d %d %s" % (type(e).__name__, e.lineno or 0, e.offset or 0,
                                      e.end_lineno or 0, e.end_offset or 0, e.msg)
    with open(path[:-3] + ".err", "w") as f:
        f.write(line + "\n")
    if line != "ok":
        r = subprocess.run([sys.executable, name], cwd=os.path.dirname(path), capture_output=True)
        text = r.stderr.decode().replace(os.path.dirname(path) + os.sep, "")
        with open(path[:-3] + ".stderr", "w") as f:
            f.write(text)
