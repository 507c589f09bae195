# The built-in exception hierarchy.
names = [
    ZeroDivisionError, OverflowError, KeyError, IndexError, ValueError,
    TypeError, AttributeError, NameError, UnboundLocalError, RuntimeError,
    RecursionError, NotImplementedError, StopIteration, GeneratorExit,
    AssertionError, ImportError, ModuleNotFoundError, LookupError,
    ArithmeticError, Exception, BaseException, KeyboardInterrupt,
    SystemExit, UnicodeDecodeError, UnicodeEncodeError, SyntaxError,
    IndentationError, TabError,
]
for cls in names:
    chain = [c.__name__ for c in cls.__mro__]
    print(" -> ".join(chain))

print(issubclass(KeyError, LookupError), issubclass(KeyError, ArithmeticError))
print(issubclass(GeneratorExit, Exception), issubclass(StopIteration, Exception))
print(issubclass(bool, int), issubclass(int, object), issubclass(Exception, (int, BaseException)))

try:
    raise NotImplementedError("subclass must implement")
except RuntimeError as e:
    print("caught as RuntimeError:", type(e).__name__, e)

try:
    [].pop()
except LookupError as e:
    print("caught as LookupError:", type(e).__name__, e)
