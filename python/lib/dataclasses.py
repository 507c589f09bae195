"""Data classes (PEP 557): @dataclass reads a class's annotated fields and
adds __init__, __repr__, __eq__ and, on request, ordering, hashing and
immutability, with CPython's rules and error messages.

The methods are generated as Python source and compiled with exec, as
CPython's dataclasses does, so their signatures -- and the TypeError of a
call with a missing argument -- are those of hand-written methods.
"""

import copy as _copy

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar',
           'KW_ONLY', 'MISSING', 'fields', 'asdict', 'astuple',
           'make_dataclass', 'replace', 'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return 'MISSING'


MISSING = _MissingType()


class _KwOnlyType:
    def __repr__(self):
        return 'KW_ONLY'


KW_ONLY = _KwOnlyType()


class InitVar:
    """A pseudo-field passed to __init__ and __post_init__, not stored."""

    def __init__(self, type):
        self.type = type

    def __class_getitem__(cls, type):
        return InitVar(type)

    def __repr__(self):
        return f'dataclasses.InitVar[{getattr(self.type, "__name__", repr(self.type))}]'


# What a field is: an ordinary field, a class variable, an InitVar.
_FIELD = 'field'
_FIELD_CLASSVAR = 'classvar'
_FIELD_INITVAR = 'initvar'


class Field:
    __slots__ = ('name', 'type', 'default', 'default_factory', 'repr', 'hash',
                 'init', 'compare', 'metadata', 'kw_only', '_field_type')

    def __init__(self, default, default_factory, init, repr, hash, compare,
                 metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else dict(metadata)
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return (f'Field(name={self.name!r},type={self.type!r},'
                f'default={self.default!r},default_factory={self.default_factory!r},'
                f'init={self.init!r},repr={self.repr!r},hash={self.hash!r},'
                f'compare={self.compare!r},metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},_field_type={self._field_type})')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    """Describe a field beyond its default: a default_factory called for
    each instance, or leaving it out of __init__, __repr__, comparison or
    hashing."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare,
                 metadata, kw_only)


def _is_classvar(annotation):
    if isinstance(annotation, str):
        return (annotation.startswith('ClassVar') or annotation.startswith('typing.ClassVar'))
    return getattr(annotation, '_name', None) == 'ClassVar' or repr(annotation).startswith('typing.ClassVar')


def _is_initvar(annotation):
    if isinstance(annotation, str):
        return annotation.startswith('InitVar') or annotation.startswith('dataclasses.InitVar')
    return annotation is InitVar or isinstance(annotation, InitVar)


def _get_field(cls, name, annotation, default_kw_only):
    default = cls.__dict__.get(name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = name
    f.type = annotation
    f._field_type = _FIELD
    if _is_classvar(annotation):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(annotation):
        f._field_type = _FIELD_INITVAR
    if f._field_type in (_FIELD_CLASSVAR, _FIELD_INITVAR) and f.default_factory is not MISSING:
        raise TypeError(f'field {name} cannot have a default factory')
    if f._field_type in (_FIELD, _FIELD_INITVAR):
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    else:
        f.kw_only = False
    if f._field_type is _FIELD and f.default is not MISSING and type(f.default) in (list, dict, set):
        raise ValueError(f'mutable default {type(f.default)} for field {name} '
                         'is not allowed: use default_factory')
    return f


def _tuple_src(obj, fields):
    if not fields:
        return '()'
    return '(' + ','.join(f'{obj}.{f.name}' for f in fields) + ',)'


def _make_function(cls, name, src, env):
    ns = {}
    exec(src, env, ns)
    fn = ns[name]
    fn.__qualname__ = f'{cls.__qualname__}.{name}'
    return fn


def _set_new(cls, name, value):
    # A generated method, unless the class body defines one itself.
    if name in cls.__dict__:
        return True
    setattr(cls, name, value)
    return False


def _init_src(cls, fields, std_fields, kw_fields, frozen, has_post_init, env):
    seen_default = None
    for f in std_fields:
        if f.init:
            if f.default is MISSING and f.default_factory is MISSING:
                if seen_default is not None:
                    raise TypeError(f'non-default argument {f.name!r} follows default argument')
            else:
                seen_default = f
    params = []
    for f in std_fields:
        params.append(_param(f, env))
    if kw_fields:
        params.append('*')
        for f in kw_fields:
            params.append(_param(f, env))
    body = []
    for f in fields:
        line = _field_init(f, frozen, env)
        if line:
            body.append(line)
    if has_post_init:
        args = ', '.join(f.name for f in fields if f._field_type is _FIELD_INITVAR)
        body.append(f'self.__post_init__({args})')
    if not body:
        body = ['pass']
    return 'def __init__(self' + ''.join(', ' + p for p in params) + '):\n' + \
        ''.join('    ' + b + '\n' for b in body)


def _param(f, env):
    if f.default is MISSING and f.default_factory is MISSING:
        return f.name
    if f.default_factory is not MISSING:
        return f'{f.name}=__dataclass_HAS_DEFAULT_FACTORY__'
    env[f'__dataclass_dflt_{f.name}__'] = f.default
    return f'{f.name}=__dataclass_dflt_{f.name}__'


def _field_init(f, frozen, env):
    if f._field_type is not _FIELD:
        return None
    if f.default_factory is not MISSING:
        env[f'__dataclass_factory_{f.name}__'] = f.default_factory
        factory = f'__dataclass_factory_{f.name}__()'
        if f.init:
            value = f'{factory} if {f.name} is __dataclass_HAS_DEFAULT_FACTORY__ else {f.name}'
        else:
            value = factory
    elif f.init:
        value = f.name
    elif f.default is not MISSING:
        env[f'__dataclass_dflt_{f.name}__'] = f.default
        value = f'__dataclass_dflt_{f.name}__'
    else:
        return None
    if frozen:
        return f'__dataclass_builtins_object__.__setattr__(self, {f.name!r}, {value})'
    return f'self.{f.name} = {value}'


class _HasDefaultFactory:
    def __repr__(self):
        return '<factory>'


_HAS_DEFAULT_FACTORY = _HasDefaultFactory()


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                   match_args, kw_only, slots):
    fields = {}
    base_frozen = None
    for b in cls.__mro__[-1:0:-1]:
        base_fields = b.__dict__.get('__dataclass_fields__')
        if base_fields is not None:
            base_frozen = b.__dataclass_params__['frozen']
            for f in base_fields.values():
                fields[f.name] = f
    if base_frozen is not None and base_frozen != frozen:
        if frozen:
            raise TypeError('cannot inherit frozen dataclass from a non-frozen one')
        raise TypeError('cannot inherit non-frozen dataclass from a frozen one')

    annotations = cls.__dict__.get('__annotations__', {})
    own = []
    in_kw_only = kw_only
    for name, annotation in annotations.items():
        if annotation is KW_ONLY or annotation == 'KW_ONLY' or annotation == 'dataclasses.KW_ONLY':
            in_kw_only = True
            continue
        own.append(_get_field(cls, name, annotation, in_kw_only))
    for f in own:
        fields[f.name] = f
        # The class attribute is the default, or nothing for a field
        # made by field() without one.
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')

    cls.__dataclass_fields__ = fields
    cls.__dataclass_params__ = {'init': init, 'repr': repr, 'eq': eq, 'order': order,
                                'unsafe_hash': unsafe_hash, 'frozen': frozen}

    all_fields = list(fields.values())
    real = [f for f in all_fields if f._field_type is _FIELD]
    env = {'__dataclass_HAS_DEFAULT_FACTORY__': _HAS_DEFAULT_FACTORY,
           '__dataclass_builtins_object__': object, 'MISSING': MISSING}

    if init:
        init_fields = [f for f in all_fields if f._field_type in (_FIELD, _FIELD_INITVAR)]
        std = [f for f in init_fields if f.init and not f.kw_only]
        kw = [f for f in init_fields if f.init and f.kw_only]
        src = _init_src(cls, init_fields, std, kw, frozen, hasattr(cls, '__post_init__'), env)
        _set_new(cls, '__init__', _make_function(cls, '__init__', src, env))

    if repr:
        shown = [f for f in real if f.repr]
        parts = ', '.join(f'{f.name}={{self.{f.name}!r}}' for f in shown)
        src = ('def __repr__(self):\n'
               f'    return self.__class__.__qualname__ + f"({parts})"\n')
        _set_new(cls, '__repr__', _make_function(cls, '__repr__', src, env))

    compared = [f for f in real if f.compare]
    if eq:
        src = ('def __eq__(self, other):\n'
               '    if other.__class__ is self.__class__:\n'
               f'        return {_tuple_src("self", compared)} == {_tuple_src("other", compared)}\n'
               '    return NotImplemented\n')
        _set_new(cls, '__eq__', _make_function(cls, '__eq__', src, env))

    if order:
        if not eq:
            raise ValueError('eq must be true if order is true')
        for name, op in (('__lt__', '<'), ('__le__', '<='), ('__gt__', '>'), ('__ge__', '>=')):
            src = (f'def {name}(self, other):\n'
                   '    if other.__class__ is self.__class__:\n'
                   f'        return {_tuple_src("self", compared)} {op} {_tuple_src("other", compared)}\n'
                   '    return NotImplemented\n')
            if _set_new(cls, name, _make_function(cls, name, src, env)):
                raise TypeError(f'Cannot overwrite attribute {name} in class {cls.__name__}. '
                                'Consider using functools.total_ordering')

    if frozen:
        env['FrozenInstanceError'] = FrozenInstanceError
        env['__dataclass_cls__'] = cls
        names = tuple(f.name for f in all_fields)
        env['__dataclass_names__'] = names
        for name, verb in (('__setattr__', 'assign to'), ('__delattr__', 'delete')):
            args = 'self, name, value' if name == '__setattr__' else 'self, name'
            src = (f'def {name}({args}):\n'
                   '    if type(self) is __dataclass_cls__ or name in __dataclass_names__:\n'
                   f'        raise FrozenInstanceError(f"cannot {verb} field {{name!r}}")\n'
                   f'    super(__dataclass_cls__, self).{name}({args[6:]})\n')
            if _set_new(cls, name, _make_function(cls, name, src, env)):
                raise TypeError(f'Cannot overwrite attribute {name} in class {cls.__name__}')

    hashed = [f for f in real if (f.compare if f.hash is None else f.hash)]
    has_hash = '__hash__' in cls.__dict__ and cls.__dict__['__hash__'] is not None
    if unsafe_hash:
        if has_hash:
            raise TypeError(f'Cannot overwrite attribute __hash__ in class {cls.__name__}')
        make_hash = True
    elif eq and frozen:
        make_hash = not has_hash
    elif eq:
        make_hash = False
        if not has_hash:
            cls.__hash__ = None
    else:
        make_hash = False
    if make_hash:
        src = ('def __hash__(self):\n'
               f'    return hash({_tuple_src("self", hashed)})\n')
        cls.__hash__ = _make_function(cls, '__hash__', src, env)

    if match_args:
        _set_new(cls, '__match_args__', tuple(f.name for f in all_fields
                                              if f._field_type is _FIELD and f.init and not f.kw_only))
    if slots:
        cls = _with_slots(cls, all_fields)
    return cls


def _with_slots(cls, fields):
    ns = dict(cls.__dict__)
    names = tuple(f.name for f in fields if f._field_type is _FIELD)
    ns['__slots__'] = names
    for name in names:
        ns.pop(name, None)
    ns.pop('__dict__', None)
    ns.pop('__weakref__', None)
    return type(cls)(cls.__name__, cls.__bases__, ns)


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True,
              kw_only=False, slots=False, weakref_slot=False):
    """Add the generated methods to a class of annotated fields; with
    arguments, return the decorator that does."""
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash,
                              frozen, match_args, kw_only, slots)
    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    """The fields of a dataclass or of an instance of one, in order
    (without class variables and InitVars)."""
    try:
        fs = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in fs.values() if f._field_type is _FIELD)


def is_dataclass(obj):
    """Whether obj is a dataclass or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def _is_dataclass_instance(obj):
    return hasattr(type(obj), '__dataclass_fields__')


def asdict(obj, *, dict_factory=dict):
    """The instance as a dict of its fields, recursing into dataclasses,
    lists, tuples and dicts; other values are deep-copied."""
    if not _is_dataclass_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory))
                         for k, v in obj.items())
    return _copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    """The instance as a tuple of its fields' values, recursing as asdict
    does."""
    if not _is_dataclass_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory)
                              for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory))
                         for k, v in obj.items())
    return _copy.deepcopy(obj)


def replace(obj, /, **changes):
    """A new instance like obj with the given fields changed."""
    if not _is_dataclass_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in obj.__dataclass_fields__.values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with init=False, '
                                 'it cannot be specified with replace()')
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} must be specified with replace()")
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **options):
    """Make a dataclass from (name), (name, type) or (name, type, field)
    items."""
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, 'typing.Any'
        elif len(item) == 2:
            name, tp = item
        else:
            name, tp, spec = item
            ns[name] = spec
        annotations[name] = tp
    ns['__annotations__'] = annotations
    cls = type(cls_name, bases, ns)
    return dataclass(cls, **options)
