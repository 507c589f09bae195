# exit: 1
# last: ModuleNotFoundError: No module named 'thread.sub'; 'thread' is not a package
# cpython: the same for a module of its own that is not a package
import thread.sub
