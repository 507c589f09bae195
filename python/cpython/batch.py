# The batch driver of python/cpython's RunBatch.
#
# stdin is a JSON list of programs, {"file": name, "source": text}. Each is
# compiled with its file name and executed as __main__ in a fresh
# namespace, with sys.stdout and sys.stderr captured. What it printed and
# how it ended go to stdout as a JSON list, one object per program, in the
# same order:
#
#   {"stdout": ..., "stderr": ..., "error": ...}
#
# where error is "" when the program ran to its end, else the last line of
# what CPython would print for the exception that escaped it,
# `Type: message` (a SyntaxError from compiling it included).
import io
import json
import sys
import traceback


def run(prog):
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    limit = sys.getrecursionlimit()
    error = ""
    sys.stdout, sys.stderr = out, err
    try:
        code = compile(prog["source"], prog["file"], "exec")
        exec(code, {"__name__": "__main__", "__file__": prog["file"]})
    except BaseException as e:  # SystemExit and KeyboardInterrupt too
        error = traceback.format_exception_only(e)[-1].rstrip("\n")
    finally:
        sys.stdout, sys.stderr = saved
        sys.setrecursionlimit(limit)
    return {"stdout": out.getvalue(), "stderr": err.getvalue(), "error": error}


def main():
    progs = json.load(sys.stdin)
    results = [run(p) for p in progs]
    json.dump(results, sys.stdout)


main()
