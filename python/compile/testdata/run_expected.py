"""Writes what CPython 3.12 prints for each run/NAME.py, as run/NAME.stdout.

Run from python/compile with CPython 3.12 (TestRunMatchesCPython says so
when a file is missing):

    python3.12 testdata/run_expected.py

Each program must run to the end (exit status 0) under CPython.
"""
import glob
import os
import subprocess
import sys

if sys.version_info[:2] != (3, 12):
    sys.exit("run_expected.py needs CPython 3.12, this is %s" % sys.version)

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run")
for path in sorted(glob.glob(os.path.join(here, "*.py"))):
    name = os.path.basename(path)
    r = subprocess.run([sys.executable, name], cwd=here, capture_output=True)
    if r.returncode != 0:
        sys.exit("%s: exit status %d\n%s" % (name, r.returncode, r.stderr.decode()))
    with open(path[:-3] + ".stdout", "wb") as f:
        f.write(r.stdout)
