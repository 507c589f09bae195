import os
import os.path as p
from sys import argv as av, path
try:
    pass
except Exception as exc:
    pass
with open("f") as (fa, fb):
    pass
for i, (j, *k) in []:
    del i
def g():
    yield 1
def h():
    yield from g()
def r():
    return 1
async def co():
    await x
lbl: int = 3
def ann(a: int, *b: str, c: float = 1.0, **d: bool) -> None:
    e: list
    f: dict = {}
class WithDoc:
    "doc"
    __slots__ = ()
def gl():
    global newglob
    newglob = 1
def uses_super_noclass():
    return super()
