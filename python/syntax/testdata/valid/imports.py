# import and from-import forms.
import os
import os.path
import os.path as osp
import a, b.c, d as e
from os import path
from os import path as p, sep
from os import (path, sep,)
from os import (
    path,
    sep as s,
)
from . import x
from .. import y
from ... import z
from .... import w
from .a import b
from ..a.b import c
from ...a import d
from a import *
from .a import *
import legacy_counter
if __name__ == "__main__":
    pass
