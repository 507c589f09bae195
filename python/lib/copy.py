"""Shallow and deep copies: copy(x) and deepcopy(x).

A class controls its copies with __copy__(self) and __deepcopy__(self,
memo), or with __getstate__ and __setstate__; otherwise an instance is
copied as CPython copies it through object.__reduce_ex__(4): a new
instance made by cls.__new__(cls), given the original's attributes (its
__dict__ and slots), and, for a subclass of list or dict, its items.
"""

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error

# Objects that are their own copy, shallow or deep.
_atomic = frozenset([
    type(None), int, float, bool, str, bytes, type, range, slice,
    type(...), type(NotImplemented), type(len), type(lambda: 0), property,
    frozenset, tuple,
])


def _attributes(x):
    # What an instance's copy is given: what its class's own __getstate__
    # returns, or its __dict__ and its slots' values as two dicts.
    getstate = getattr(type(x), '__getstate__', None)
    if getstate is not None:
        return getstate(x), True
    slots = {}
    for klass in type(x).__mro__:
        for name in klass.__dict__.get('__slots__', ()):
            if name in ('__dict__', '__weakref__'):
                continue
            try:
                slots[name] = getattr(x, name)
            except AttributeError:
                pass
    return (dict(getattr(x, '__dict__', None) or {}), slots), False


def _reconstruct(x, memo, deep):
    cls = type(x)
    y = cls.__new__(cls)
    if memo is not None:
        memo[id(x)] = y
    state, custom = _attributes(x)
    if deep:
        state = deepcopy(state, memo)
    setstate = getattr(y, '__setstate__', None)
    if setstate is not None:
        setstate(state)
    else:
        if custom:
            if not isinstance(state, dict):
                raise TypeError("%s.__getstate__ returned a non-dict state "
                                "and %s has no __setstate__" % (cls.__name__, cls.__name__))
            state = (state, {})
        attrs, slots = state
        if attrs:
            y.__dict__.update(attrs)
        for name, value in slots.items():
            setattr(y, name, value)
    if isinstance(x, list):
        for item in x:
            y.append(deepcopy(item, memo) if deep else item)
    elif isinstance(x, dict):
        for key, value in x.items():
            if deep:
                key, value = deepcopy(key, memo), deepcopy(value, memo)
            y[key] = value
    elif isinstance(x, set):
        for item in x:
            y.add(deepcopy(item, memo) if deep else item)
    return y


def copy(x):
    """A shallow copy of x: a new container holding the same items, a new
    instance with the same attribute values; immutable objects are
    returned as they are."""
    cls = type(x)
    if cls in _atomic or issubclass(cls, type):
        return x
    if cls is list or cls is dict or cls is set or cls is bytearray:
        return x.copy()
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    return _reconstruct(x, None, False)


def deepcopy(x, memo=None, _nil=[]):
    """A deep copy of x: containers and instances copied all the way
    down, each object once however often it is reached (memo maps the id
    of an original to its copy), so shared and cyclic structures keep
    their shape."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic and cls is not tuple and cls is not frozenset:
        return x
    if issubclass(cls, type):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        # A tuple reached again through its own items was copied there.
        if d in memo:
            return memo[d]
        for a, b in zip(x, items):
            if a is not b:
                y = tuple(items)
                break
        else:
            y = x
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set or cls is frozenset:
        y = cls(deepcopy(list(x), memo))
    elif cls is bytearray:
        y = bytearray(x)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _reconstruct(x, memo, True)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    # The memo holds the originals too, so that an id in it is not
    # reused by a new object while the copy runs.
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
