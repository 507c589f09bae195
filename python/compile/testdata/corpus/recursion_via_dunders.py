class R:
    def __repr__(self):
        return repr(self)
class Loop:
    def __call__(self, n):
        return self(n + 1)
try:
    repr(R())
except RecursionError as e:
    print("repr:", type(e).__name__)
try:
    Loop()(0)
except RecursionError as e:
    print("call:", type(e).__name__)
print(repr([1, 2]))
