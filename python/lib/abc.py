"""Abstract base classes: a class deriving from ABC cannot be instantiated
while it has methods marked @abstractmethod that no class in its MRO
overrides.

rwgil has no metaclasses, so ABC does its work in __init_subclass__ (which
computes __abstractmethods__) and __new__ (which refuses an abstract
class); ABCMeta, register and virtual subclasses are not provided.
"""

__all__ = ['ABC', 'abstractmethod', 'abstractclassmethod',
           'abstractstaticmethod', 'abstractproperty', 'get_cache_token',
           'update_abstractmethods']


def abstractmethod(funcobj):
    """Mark a method abstract: a class that does not override it cannot be
    instantiated."""
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    if getattr(value, '__isabstractmethod__', False):
        return True
    if isinstance(value, property):
        return any(getattr(f, '__isabstractmethod__', False)
                   for f in (value.fget, value.fset, value.fdel))
    if isinstance(value, (staticmethod, classmethod)):
        return getattr(value.__func__, '__isabstractmethod__', False)
    return False


# The deprecated spellings, as functions (rwgil's classmethod,
# staticmethod and property cannot be subclassed).
def abstractclassmethod(callable):
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)


def update_abstractmethods(cls):
    """Recompute cls.__abstractmethods__, after methods were added to or
    removed from the class; returns cls."""
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    abstracts = set()
    for name, value in cls.__dict__.items():
        if _is_abstract(value):
            abstracts.add(name)
    for base in cls.__bases__:
        for name in getattr(base, '__abstractmethods__', ()):
            value = getattr(cls, name, None)
            if _is_abstract(value):
                abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls


class ABC:
    """The base of an abstract class."""

    __slots__ = ()

    def __init_subclass__(cls, /, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.__abstractmethods__ = frozenset()
        update_abstractmethods(cls)

    def __new__(cls, /, *args, **kwargs):
        abstracts = cls.__dict__.get('__abstractmethods__', frozenset())
        if abstracts:
            names = sorted(abstracts)
            plural = 's' if len(names) > 1 else ''
            listed = ', '.join(repr(n) for n in names)
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} "
                            f"without an implementation for abstract method{plural} {listed}")
        return object.__new__(cls)


ABC.__abstractmethods__ = frozenset()

_token = object()


def get_cache_token():
    """An object that changes when a virtual subclass is registered; with
    no registration in rwgil, it never changes."""
    return _token
