"""Shallow and deep copies: copy(x) and deepcopy(x).

A class controls its copies with __copy__(self) and __deepcopy__(self,
memo), with its own __reduce_ex__ or __reduce__ (whose result is used as
CPython's copy uses it), or with __getstate__ and __setstate__;
otherwise an instance is copied as CPython copies it through
object.__reduce_ex__(4): a new instance made by cls.__new__(cls), given
the original's state (its __dict__, or None if empty, and its slots'
values) and, for a subclass of list or dict, its items.
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


def _state(x):
    # The state object.__reduce_ex__(4) gives an instance, as CPython's
    # object.__getstate__ makes it: what its class's own __getstate__
    # returns; else its __dict__, or None when that is empty, paired with
    # a dict of its slots' values when it has any set.
    getstate = getattr(type(x), '__getstate__', None)
    if getstate is not None and getstate is not getattr(object, '__getstate__', None):
        return getstate(x)
    state = getattr(x, '__dict__', None) or None
    slots = {}
    for klass in type(x).__mro__:
        names = klass.__dict__.get('__slots__', ())
        if isinstance(names, str):
            names = (names,)
        for name in names:
            if name in ('__dict__', '__weakref__'):
                continue
            try:
                slots[name] = getattr(x, name)
            except AttributeError:
                pass
    if slots:
        return (state, slots)
    return state


def _reductor(cls):
    # The name of the class's own reduction method (__reduce_ex__ first,
    # as copy and pickle ask), or None when it has only object's.
    for name in ('__reduce_ex__', '__reduce__'):
        f = getattr(cls, name, None)
        if f is not None and f is not getattr(object, name, None):
            return name
    return None


def _reduce(x, memo, deep):
    # x copied through its class's own __reduce_ex__(4) or __reduce__(),
    # or None when it has neither.
    name = _reductor(type(x))
    if name is None:
        return None
    rv = getattr(x, name)(4) if name == '__reduce_ex__' else getattr(x, name)()
    if isinstance(rv, str):
        return x
    return _rebuild(x, memo if deep else None, *rv)


def _rebuild(x, memo, func, args, state=None, listiter=None, dictiter=None, state_setter=None):
    # CPython's copy._reconstruct: y = func(*args), then the state set,
    # then the list items appended and the dict items stored; memo is
    # None for a shallow copy.
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if state_setter is not None:
            state_setter(y, state)
        elif hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key, value = deepcopy(key, memo), deepcopy(value, memo)
            y[key] = value
    return y


def _reconstruct(x, memo, deep):
    # What object.__reduce_ex__(4) would have given: cls.__new__(cls),
    # the state, and a list's, dict's or set's items.
    y = _reduce(x, memo, deep)
    if y is not None:
        return y
    cls = type(x)
    listiter = dictiter = None
    if isinstance(x, list):
        listiter = iter(x)
    elif isinstance(x, dict):
        dictiter = iter(x.items())
    y = _rebuild(x, memo if deep else None, cls.__new__, (cls,), _state(x), listiter, dictiter)
    if isinstance(x, set):
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
