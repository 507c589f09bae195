"""Write CPython's expectations for the python/syntax corpus.

Run by `go test ./python/syntax -run 'TestValid|TestInvalid' -update`, which
finds a python3 >= 3.12 and calls:

    python3 cpython.py valid DIR     for each DIR/NAME.py write DIR/NAME.ast:
                                     ast.dump(ast.parse(src),
                                     include_attributes=True, indent=1)
    python3 cpython.py invalid DIR   for each DIR/NAME.py write DIR/NAME.err:
                                     the SyntaxError CPython raises when it
                                     runs the file, and what it prints

The expected error is what compile(text, 'NAME.py', 'exec') raises for the
file's text (offsets in characters), printed by CPython's own excepthook;
for a file CPython cannot decode (bad UTF-8, a null byte, an unknown coding
declaration) it is what CPython reports when it runs the file. Every case
must also fail ast.parse: the corpus is about the parser's errors, not the
compiler's.
"""

import ast
import io
import os
import subprocess
import sys
import tempfile
import tokenize
import warnings

warnings.simplefilter("ignore")

HOOK = r'''
import sys
def hook(t, e, tb):
    if isinstance(e, SyntaxError):
        print("@@ATTRS", repr((t.__name__, e.lineno, e.offset, e.end_lineno, e.end_offset, e.msg)), file=sys.stderr)
    sys.__excepthook__(t, e, tb)
sys.excepthook = hook
'''


def dump_valid(d):
    for name in sorted(os.listdir(d)):
        if not name.endswith(".py"):
            continue
        path = os.path.join(d, name)
        with open(path, "rb") as f:
            src = f.read()
        tree = ast.parse(src, name)
        compile(src, name, "exec")  # the corpus holds programs CPython compiles
        out = ast.dump(tree, include_attributes=True, indent=1)
        with open(path[:-3] + ".ast", "w", encoding="utf-8", newline="\n") as f:
            f.write(out + "\n")


def attrs(e):
    return (type(e).__name__, e.lineno, e.offset, e.end_lineno, e.end_offset, e.msg)


def decode(src):
    """The text CPython reads from src, or None if it cannot be decoded."""
    if b"\0" in src:
        return None
    try:
        enc, _ = tokenize.detect_encoding(io.BytesIO(src).readline)
        return src.decode(enc)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return None


def run_file(d, name, env):
    """The SyntaxError attributes and the printed error when CPython runs
    the file (for sources it cannot decode)."""
    r = subprocess.run([sys.executable, name], cwd=d, env=env, capture_output=True)
    stderr = r.stderr.decode("utf-8", "replace")
    run = None
    printed = []
    for line in stderr.splitlines(keepends=True):
        if line.startswith("@@ATTRS "):
            run = ast.literal_eval(line[len("@@ATTRS "):])
        else:
            printed.append(line)
    # CPython names the file by its absolute path here; the corpus is
    # read from anywhere, so the path is cut back to the name.
    prefix = os.path.join(d, "")
    printed = "".join(printed).replace(prefix, "")
    if run is not None:
        run = run[:5] + (run[5].replace(prefix, ""),)
    return run, printed


def dump_invalid(d):
    hookdir = tempfile.mkdtemp()
    with open(os.path.join(hookdir, "sitecustomize.py"), "w") as f:
        f.write(HOOK)
    env = dict(os.environ)
    env["PYTHONPATH"] = hookdir
    env["PYTHONNOUSERSITE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    os.chdir(d)
    bad = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".py"):
            continue
        with open(name, "rb") as f:
            src = f.read()
        text = decode(src)
        how = "compile"
        if text is None:
            how = "run"
            got, printed = run_file(d, name, env)
            if got is None:
                bad.append("%s: no SyntaxError when run: %s" % (name, printed))
                continue
        else:
            try:
                ast.parse(text, name)
                bad.append("%s: ast.parse accepts it (a compiler or symtable error, not the parser's)" % name)
                continue
            except (SyntaxError, MemoryError, RecursionError):
                pass
            try:
                compile(text, name, "exec")
                bad.append("%s: compile accepts it" % name)
                continue
            except (SyntaxError, MemoryError, RecursionError) as e:
                if isinstance(e, SyntaxError):
                    got = attrs(e)
                else:
                    got = (type(e).__name__, None, None, None, None, str(e))
                out = io.StringIO()
                saved = sys.stderr
                sys.stderr = out
                try:
                    sys.__excepthook__(type(e), e.with_traceback(None), None)
                finally:
                    sys.stderr = saved
                printed = out.getvalue()
        kind, line, offset, end_line, end_offset, msg = got
        lines = ["kind %s\n" % kind,
                 "line %s\n" % line,
                 "offset %s\n" % offset,
                 "end_line %s\n" % end_line,
                 "end_offset %s\n" % end_offset,
                 "msg %s\n" % msg,
                 "from %s\n" % how,
                 "--- printed\n",
                 printed]
        with open(name[:-3] + ".err", "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(lines))
    if bad:
        sys.exit("\n".join(bad))


def main():
    if sys.version_info < (3, 12):
        sys.exit("cpython.py needs python3 >= 3.12, this is %s" % sys.version.split()[0])
    mode, d = sys.argv[1], sys.argv[2]
    if mode == "valid":
        dump_valid(d)
    elif mode == "invalid":
        dump_invalid(d)
    else:
        sys.exit("usage: cpython.py valid|invalid DIR")
    with open(os.path.join(os.path.dirname(d.rstrip("/")) or ".", "CPYTHON_VERSION"), "w") as f:
        f.write(sys.version.split()[0] + "\n")


if __name__ == "__main__":
    main()
