"""Names for the types of the interpreter's objects, and the two types
that annotations build: GenericAlias (list[int], PEP 585) and UnionType
(int | None, PEP 604).

rwgil's core makes list[int] and int | None through this module: a
subscript of a built-in generic class calls GenericAlias(cls, args), and
| between classes (or None) calls UnionType._of(a, b).
"""

import sys

__all__ = ['FunctionType', 'LambdaType', 'BuiltinFunctionType',
           'BuiltinMethodType', 'MethodType', 'ModuleType', 'GeneratorType',
           'NoneType', 'EllipsisType', 'NotImplementedType',
           'MappingProxyType', 'SimpleNamespace', 'GenericAlias',
           'UnionType', 'CodeType', 'CellType', 'new_class']


def _function():
    pass


class _C:
    def _method(self):
        pass


def _generator():
    yield 1


FunctionType = type(_function)
LambdaType = type(lambda: None)
CodeType = type(_function.__code__)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
MethodType = type(_C()._method)
ModuleType = type(sys)
GeneratorType = type(_generator())
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)
MappingProxyType = type(type.__dict__)


def _cell():
    x = 1

    def inner():
        return x
    return inner.__closure__[0] if inner.__closure__ else None


_c = _cell()
CellType = type(_c) if _c is not None else None
del _function, _C, _generator, _cell, _c


class SimpleNamespace:
    """An object whose attributes are its keyword arguments, with a repr
    that lists them and equality by attributes."""

    def __init__(self, mapping_or_iterable=(), /, **kwargs):
        for key, value in dict(mapping_or_iterable).items():
            setattr(self, key, value)
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __repr__(self):
        items = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        return f"{name}({items})"

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


def _type_repr(obj):
    # How an argument of a GenericAlias or a UnionType is shown.
    if obj is ...:
        return '...'
    if obj is NoneType:
        return 'None'
    if isinstance(obj, type) and not isinstance(obj, GenericAlias):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    return repr(obj)


def _unionable(obj):
    return obj is None or isinstance(obj, (type, GenericAlias, UnionType))


class GenericAlias:
    """A parametrized generic class, such as list[int]: __origin__ is the
    class, __args__ the parameters. Calling it makes an instance of the
    class; other attributes are the class's."""

    def __init__(self, origin, args, /):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = ()

    def __repr__(self):
        if not self.__args__:
            args = '()'
        else:
            args = ', '.join(_type_repr(a) for a in self.__args__)
        return f'{_type_repr(self.__origin__)}[{args}]'

    def __call__(self, *args, **kwargs):
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except (AttributeError, TypeError):
            pass
        return result

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__') and name not in ('__name__', '__qualname__', '__module__', '__doc__'):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __or__(self, other):
        if not _unionable(other):
            return NotImplemented
        return UnionType._of(self, other)

    def __ror__(self, other):
        if not _unionable(other):
            return NotImplemented
        return UnionType._of(other, self)

    def __instancecheck__(self, obj):
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")


class UnionType:
    """int | None: __args__ are the alternatives, each once, in order;
    isinstance and issubclass accept it as they accept a tuple."""

    def __init__(self, *args):
        raise TypeError("cannot create 'types.UnionType' instances")

    @classmethod
    def _of(cls, a, b):
        args = []
        for x in (a, b):
            if x is None:
                x = NoneType
            if isinstance(x, UnionType):
                parts = x.__args__
            else:
                parts = (x,)
            for p in parts:
                if p not in args:
                    args.append(p)
        if len(args) == 1:
            return args[0]
        self = object.__new__(cls)
        self.__args__ = tuple(args)
        return self

    def __repr__(self):
        return ' | '.join(_type_repr(a) for a in self.__args__)

    def __or__(self, other):
        if not _unionable(other):
            return NotImplemented
        return UnionType._of(self, other)

    def __ror__(self, other):
        if not _unionable(other):
            return NotImplemented
        return UnionType._of(other, self)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __instancecheck__(self, obj):
        for a in self.__args__:
            if isinstance(a, GenericAlias):
                raise TypeError("isinstance() argument 2 cannot be a parameterized generic")
        return isinstance(obj, self.__args__)

    def __subclasscheck__(self, cls):
        for a in self.__args__:
            if isinstance(a, GenericAlias):
                raise TypeError("issubclass() argument 2 cannot be a parameterized generic")
        return issubclass(cls, self.__args__)


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Make a class as a class statement would: type(name, bases, ns),
    exec_body(ns) filling the namespace first."""
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    return type(name, tuple(bases), ns, **(kwds or {}))
