"""Type hints at run time: the names annotations use (Any, Optional,
Union, List, Dict, Callable, TypeVar, Generic, Protocol, ClassVar, ...),
cast, overload, get_type_hints, get_origin and get_args.

rwgil's typing is for programs that annotate, not for type checkers: the
forms subscript, print and compare as CPython's do, isinstance accepts the
unsubscripted aliases of concrete classes (List, Dict, ...) and of the
one-method protocols (Iterable, Sized, Callable, ...), and nothing checks
a value against a hint.
"""

import types as _types
import collections as _collections

__all__ = [
    'Any', 'AnyStr', 'Annotated', 'Callable', 'ClassVar', 'Final', 'ForwardRef',
    'Generic', 'Literal', 'Optional', 'ParamSpec', 'Protocol', 'Tuple', 'Type',
    'TypeVar', 'Union', 'AbstractSet', 'ByteString', 'Container', 'Collection',
    'Hashable', 'ItemsView', 'Iterable', 'Iterator', 'KeysView', 'Mapping',
    'MappingView', 'MutableMapping', 'MutableSequence', 'MutableSet', 'Sequence',
    'Sized', 'ValuesView', 'Awaitable', 'AsyncIterator', 'AsyncIterable',
    'Coroutine', 'Generator', 'Reversible', 'ChainMap', 'Counter', 'Deque',
    'Dict', 'DefaultDict', 'List', 'OrderedDict', 'Set', 'FrozenSet',
    'NamedTuple', 'TypedDict', 'SupportsAbs', 'SupportsFloat', 'SupportsIndex',
    'SupportsInt', 'SupportsRound', 'Text', 'TYPE_CHECKING', 'NoReturn', 'Never',
    'Self', 'LiteralString', 'TypeAlias', 'Required', 'NotRequired',
    'cast', 'final', 'get_args', 'get_origin', 'get_type_hints', 'overload',
    'no_type_check', 'runtime_checkable', 'NewType', 'assert_never', 'reveal_type',
]

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if obj is None or obj is type(None):
        return 'None'
    if isinstance(obj, (list, tuple)) and not isinstance(obj, _Form):
        return '[' + ', '.join(_type_repr(a) for a in obj) + ']'
    return repr(obj)


def _hint(arg):
    # What a parameter of a form stands for: None is NoneType, a string a
    # forward reference.
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


class ForwardRef:
    """A type written as a string, to be evaluated later."""

    def __init__(self, arg):
        self.__forward_arg__ = arg

    def __repr__(self):
        return f'ForwardRef({self.__forward_arg__!r})'

    def __eq__(self, other):
        return isinstance(other, ForwardRef) and self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)


class _Form:
    # A typing object: a special form (Any, Union, ClassVar...), an alias
    # of a class (List, Dict...), or one of them subscripted
    # (Optional[int]). _name is its name in this module, __origin__ the
    # class or form it parametrizes, __args__ its parameters.

    def __init__(self, name, origin=None, args=None, nparams=-1, check=None):
        self._name = name
        self.__origin__ = origin
        if args is not None:
            self.__args__ = args
            self.__parameters__ = tuple(a for a in args if isinstance(a, TypeVar))
        self._nparams = nparams
        self._check = check

    def __repr__(self):
        if not hasattr(self, '__args__'):
            return f'typing.{self._name}'
        if self._name == 'Optional':
            return f'typing.Optional[{_type_repr(self.__args__[0])}]'
        if self._name == 'Callable' and len(self.__args__) == 2 and isinstance(self.__args__[0], tuple):
            params, result = self.__args__
            return f'typing.Callable[[{", ".join(_type_repr(a) for a in params)}], {_type_repr(result)}]'
        if not self.__args__:
            return f'typing.{self._name}[()]'
        return f'typing.{self._name}[{", ".join(_type_repr(a) for a in self.__args__)}]'

    def __getitem__(self, params):
        if hasattr(self, '__args__'):
            raise TypeError(f'{self!r} is not a generic class')
        if not isinstance(params, tuple):
            params = (params,)
        return _subscript(self, params)

    def __call__(self, *args, **kwargs):
        if self._name in _CONCRETE:
            raise TypeError(f'Type {self._name} cannot be instantiated; '
                            f'use {self.__origin__.__name__}() instead')
        raise TypeError(f'Cannot instantiate {self!r}')

    def __eq__(self, other):
        if isinstance(other, _Form):
            if self._name in ('Union', 'Optional') and other._name in ('Union', 'Optional'):
                return set(self.__args__) == set(other.__args__)
            return (self._name == other._name and
                    getattr(self, '__args__', None) == getattr(other, '__args__', None))
        if self._name in ('Union', 'Optional') and isinstance(other, _types.UnionType):
            return set(self.__args__) == set(other.__args__)
        return NotImplemented

    def __hash__(self):
        if self._name in ('Union', 'Optional'):
            return hash(frozenset(self.__args__))
        return hash((self._name, getattr(self, '__args__', None)))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        origin = self.__origin__
        if self._name == 'Generic' or self._name == 'Protocol':
            # Generic[T] among several Generic bases is left out once.
            for b in bases:
                if b is not self and isinstance(b, _Form) and b._name == self._name:
                    return ()
            return (origin,)
        if isinstance(origin, type):
            return (origin,)
        raise TypeError(f'Cannot subclass {self!r}')

    def __instancecheck__(self, obj):
        if hasattr(self, '__args__'):
            if self._name in ('Union', 'Optional'):
                return any(isinstance(obj, a) for a in self.__args__)
            raise TypeError('Subscripted generics cannot be used with class and instance checks')
        if isinstance(self.__origin__, type):
            return isinstance(obj, self.__origin__)
        if self._check is not None:
            return self._check(obj)
        raise TypeError(f'{self!r} cannot be used with isinstance()')

    def __subclasscheck__(self, cls):
        if hasattr(self, '__args__'):
            if self._name in ('Union', 'Optional'):
                return any(issubclass(cls, a) for a in self.__args__)
            raise TypeError('Subscripted generics cannot be used with class and instance checks')
        if isinstance(self.__origin__, type):
            return issubclass(cls, self.__origin__)
        raise TypeError(f'{self!r} cannot be used with issubclass()')


def _subscript(form, params):
    name = form._name
    if name in ('Any', 'NoReturn', 'Never', 'Self', 'LiteralString', 'TypeAlias'):
        raise TypeError(f'{form!r} is not subscriptable')
    if name == 'Union':
        args = []
        for p in params:
            p = _hint(p)
            parts = p.__args__ if (isinstance(p, _Form) and p._name in ('Union', 'Optional')) or isinstance(p, _types.UnionType) else (p,)
            for q in parts:
                if q not in args:
                    args.append(q)
        if not args:
            raise TypeError('Cannot take a Union of no types.')
        if len(args) == 1:
            return args[0]
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            f = _Form('Optional', Union, tuple(args))
            f.__args__ = tuple(args)
            if args[0] is type(None):
                return _Form('Union', Union, tuple(args))
            f._optional_of = other
            return f
        return _Form('Union', Union, tuple(args))
    if name == 'Optional':
        if len(params) != 1:
            raise TypeError(f'typing.Optional requires a single type. Got {params!r}.')
        return Union[params[0], None]
    if name == 'Callable':
        if len(params) != 2:
            raise TypeError('Callable must be used as Callable[[arg, ...], result].')
        args, result = params
        if isinstance(args, list):
            args = tuple(_hint(a) for a in args)
        return _Form('Callable', form.__origin__, (args, _hint(result)))
    if name == 'Literal':
        return _Form('Literal', form, tuple(params))
    if name == 'Annotated':
        if len(params) < 2:
            raise TypeError('Annotated[...] should be used with at least two arguments (a type and an annotation).')
        f = _Form('Annotated', _hint(params[0]), (_hint(params[0]),) + tuple(params[1:]))
        f.__metadata__ = tuple(params[1:])
        return f
    if name in ('Generic', 'Protocol'):
        for p in params:
            if not isinstance(p, (TypeVar, ParamSpec)):
                raise TypeError(f'Parameters to {name}[...] must all be type variables or parameter specification variables.')
        return _Form(name, form.__origin__, tuple(params))
    if form._nparams >= 0 and name != 'Tuple' and len(params) != form._nparams:
        raise TypeError(f'Too {"many" if len(params) > form._nparams else "few"} arguments for {form!r}; '
                        f'actual {len(params)}, expected {form._nparams}')
    return _Form(name, form.__origin__, tuple(p if p is ... else _hint(p) for p in params))


def _special(name):
    return _Form(name)


Any = _special('Any')
NoReturn = _special('NoReturn')
Never = _special('Never')
Self = _special('Self')
LiteralString = _special('LiteralString')
TypeAlias = _special('TypeAlias')
ClassVar = _special('ClassVar')
Final = _special('Final')
Union = _special('Union')
Optional = _special('Optional')
Literal = _special('Literal')
Annotated = _special('Annotated')
Required = _special('Required')
NotRequired = _special('NotRequired')


def _has(*names):
    def check(obj):
        return all(hasattr(type(obj), n) for n in names)
    return check


_CONCRETE = ('List', 'Dict', 'Set', 'FrozenSet', 'Tuple', 'Type', 'Deque',
             'DefaultDict', 'OrderedDict', 'Counter', 'ChainMap')

List = _Form('List', list, nparams=1)
Dict = _Form('Dict', dict, nparams=2)
Set = _Form('Set', set, nparams=1)
FrozenSet = _Form('FrozenSet', frozenset, nparams=1)
Tuple = _Form('Tuple', tuple)
Type = _Form('Type', type, nparams=1)
Deque = _Form('Deque', _collections.deque, nparams=1)
DefaultDict = _Form('DefaultDict', _collections.defaultdict, nparams=2)
OrderedDict = _Form('OrderedDict', _collections.OrderedDict, nparams=2)
Counter = _Form('Counter', _collections.Counter, nparams=1)
ChainMap = _Form('ChainMap', getattr(_collections, 'ChainMap', None), nparams=2)
Text = str

Callable = _Form('Callable', None, check=callable)
Hashable = _Form('Hashable', None, nparams=0, check=lambda o: type(o).__hash__ is not None)
Sized = _Form('Sized', None, nparams=0, check=_has('__len__'))
Container = _Form('Container', None, nparams=1, check=_has('__contains__'))
Iterable = _Form('Iterable', None, nparams=1, check=_has('__iter__'))
Iterator = _Form('Iterator', None, nparams=1, check=_has('__iter__', '__next__'))
Reversible = _Form('Reversible', None, nparams=1, check=_has('__reversed__'))
Collection = _Form('Collection', None, nparams=1, check=_has('__len__', '__iter__', '__contains__'))
Generator = _Form('Generator', _types.GeneratorType, nparams=3)
Sequence = _Form('Sequence', None, nparams=1,
                 check=lambda o: isinstance(o, (list, tuple, str, range, bytes, bytearray)))
MutableSequence = _Form('MutableSequence', None, nparams=1, check=lambda o: isinstance(o, (list, bytearray)))
Mapping = _Form('Mapping', None, nparams=2, check=lambda o: isinstance(o, (dict, _types.MappingProxyType)))
MutableMapping = _Form('MutableMapping', None, nparams=2, check=lambda o: isinstance(o, dict))
AbstractSet = _Form('AbstractSet', None, nparams=1, check=lambda o: isinstance(o, (set, frozenset)))
MutableSet = _Form('MutableSet', None, nparams=1, check=lambda o: isinstance(o, set))
MappingView = _Form('MappingView', None, nparams=1)
KeysView = _Form('KeysView', type({}.keys()), nparams=1)
ValuesView = _Form('ValuesView', type({}.values()), nparams=1)
ItemsView = _Form('ItemsView', type({}.items()), nparams=2)
ByteString = _Form('ByteString', None, nparams=0, check=lambda o: isinstance(o, (bytes, bytearray)))
Awaitable = _Form('Awaitable', None, nparams=1)
Coroutine = _Form('Coroutine', None, nparams=3)
AsyncIterable = _Form('AsyncIterable', None, nparams=1)
AsyncIterator = _Form('AsyncIterator', None, nparams=1)
SupportsInt = _Form('SupportsInt', None, nparams=0, check=_has('__int__'))
SupportsFloat = _Form('SupportsFloat', None, nparams=0, check=_has('__float__'))
SupportsIndex = _Form('SupportsIndex', None, nparams=0, check=_has('__index__'))
SupportsAbs = _Form('SupportsAbs', None, nparams=1, check=_has('__abs__'))
SupportsRound = _Form('SupportsRound', None, nparams=1, check=_has('__round__'))


class TypeVar:
    """A type variable: T = TypeVar('T'), printed ~T (+T covariant, -T
    contravariant)."""

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False, infer_variance=False):
        if covariant and contravariant:
            raise ValueError('Bivariant type variables are not supported.')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        self.__name__ = name
        self.__constraints__ = tuple(_hint(c) for c in constraints)
        self.__bound__ = None if bound is None else _hint(bound)
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = '+' if self.__covariant__ else '-' if self.__contravariant__ else '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ParamSpec:
    """A parameter specification variable: P = ParamSpec('P')."""

    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name

    def __repr__(self):
        return '~' + self.__name__


AnyStr = TypeVar('AnyStr', bytes, str)


class Generic:
    """The base of a generic class: class Stack(Generic[T]). Stack[int] is a
    types.GenericAlias."""

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if cls is Generic:
            return _subscript(_GenericForm, params)
        return _types.GenericAlias(cls, params)


class Protocol(Generic):
    """The base of a protocol class (PEP 544)."""

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if cls is Protocol:
            return _subscript(_ProtocolForm, params)
        return _types.GenericAlias(cls, params)


_GenericForm = _Form('Generic', Generic)
_ProtocolForm = _Form('Protocol', Protocol)


def cast(typ, val):
    """Return val unchanged: tells a type checker val has type typ."""
    return val


def assert_never(arg, /):
    raise AssertionError(f'Expected code to be unreachable, but got: {arg!r}')


def reveal_type(obj, /):
    import sys
    print(f'Runtime type is {type(obj).__name__!r}', file=sys.stderr)
    return obj


def overload(func):
    """Mark an overload signature; the implementation that follows the
    overloads is the one called."""
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            'You should not call an overloaded function. '
            'A series of @overload-decorated functions '
            'outside a stub module should always be followed '
            'by an implementation that is not @overload-ed.')
    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    return arg


def runtime_checkable(cls):
    return cls


def NewType(name, tp):
    """A distinct name for a type, for checkers; at run time the identity
    function called name."""
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type


def get_origin(tp):
    """The unsubscripted form of a subscripted hint (list for list[int] and
    List[int], Union for Optional[int]), else None."""
    if isinstance(tp, _types.GenericAlias):
        return tp.__origin__
    if isinstance(tp, _types.UnionType):
        return _types.UnionType
    if isinstance(tp, _Form) and hasattr(tp, '__args__'):
        if tp._name in ('Union', 'Optional'):
            return Union
        if tp._name in ('Literal', 'ClassVar', 'Final', 'Generic', 'Protocol', 'Required', 'NotRequired'):
            return globals()[tp._name] if tp._name not in ('Generic', 'Protocol') else tp.__origin__
        if tp._name == 'Annotated':
            return Annotated
        return tp.__origin__
    return None


def get_args(tp):
    """The parameters of a subscripted hint, else ()."""
    if isinstance(tp, (_types.GenericAlias, _types.UnionType)):
        return tp.__args__
    if isinstance(tp, _Form) and hasattr(tp, '__args__'):
        if tp._name == 'Callable':
            params, result = tp.__args__
            return (list(params), result)
        return tp.__args__
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """The annotations of a class (with its bases'), function or module,
    strings evaluated in its module's globals."""
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {})
            ns = globalns
            if ns is None:
                import sys
                ns = getattr(sys.modules.get(base.__module__), '__dict__', {})
            for name, value in ann.items():
                hints[name] = _evaluate(value, ns, localns if localns is not None else dict(vars(base)))
        return hints
    ann = getattr(obj, '__annotations__', None) or {}
    ns = globalns if globalns is not None else getattr(obj, '__globals__', {})
    for name, value in ann.items():
        hints[name] = _evaluate(value, ns, localns)
    return hints


def _evaluate(value, globalns, localns):
    if value is None:
        return type(None)
    if isinstance(value, str):
        return eval(value, globalns, localns)
    if isinstance(value, ForwardRef):
        return eval(value.__forward_arg__, globalns, localns)
    return value


def NamedTuple(typename, fields=None, /, **kwargs):
    """NamedTuple('Name', [('x', int), ('y', int)]): a collections.namedtuple
    whose fields have types (rwgil has no class-statement form of
    NamedTuple: that needs a metaclass)."""
    if fields is None:
        fields = list(kwargs.items())
    names = [n for n, _ in fields]
    cls = _collections.namedtuple(typename, names)
    try:
        cls.__annotations__ = {n: t for n, t in fields}
    except (AttributeError, TypeError):
        pass
    return cls


class TypedDict(dict):
    """A dict with declared keys: class Movie(TypedDict): name: str. An
    instance is a dict subclass made from keyword arguments or a mapping;
    nothing checks the keys."""

    def __init_subclass__(cls, total=True, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.__total__ = total
