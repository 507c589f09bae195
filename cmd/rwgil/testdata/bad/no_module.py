# exit: 1
# last: ModuleNotFoundError: No module named 'nosuchmodule'
# cpython: same
import nosuchmodule
