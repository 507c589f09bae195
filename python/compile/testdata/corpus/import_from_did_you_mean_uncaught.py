# from m import x with a misspelt x: the ImportError suggests the closest
# name the module has.
import gc

print(gc.isenabled())
from gc import colect
