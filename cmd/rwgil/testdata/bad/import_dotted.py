# exit: 1
# last: ModuleNotFoundError: No module named 'nosuchpackage'
# cpython: same
import nosuchpackage.sub
