# rwgil has no packages: a relative import has no parent, as a script's
# has none in CPython.
# exit: 1
# last: ImportError: attempted relative import with no known parent package
# cpython: same
from . import helper
