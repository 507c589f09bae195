"""Arrays of numbers of one C type: array.array(typecode, initializer),
as CPython's array module has them on a 64-bit Linux machine.

An array keeps its items as Python ints, floats or one-character strs in
a list, each checked and converted as CPython converts it into its C
type when it is stored: the same range checks and OverflowError and
TypeError messages, floats of 'f' rounded to single precision. tobytes
and frombytes use the machine's layout through struct.
"""

import struct

__all__ = ['array', 'ArrayType', 'typecodes']

typecodes = 'bBuhHiIlLqQfd'

# typecode: (struct format, itemsize, minimum, maximum, the words of the
# range errors' messages)
_INTS = {
    'b': ('b', 1, -2**7, 2**7 - 1, 'signed char'),
    'B': ('B', 1, 0, 2**8 - 1, 'unsigned byte integer'),
    'h': ('h', 2, -2**15, 2**15 - 1, 'signed short integer'),
    'H': ('H', 2, 0, 2**16 - 1, 'unsigned short'),
    'i': ('i', 4, -2**31, 2**31 - 1, 'signed integer'),
    'I': ('I', 4, 0, 2**32 - 1, 'unsigned int'),
    'l': ('l', 8, -2**63, 2**63 - 1, None),
    'L': ('L', 8, 0, 2**64 - 1, None),
    'q': ('q', 8, -2**63, 2**63 - 1, None),
    'Q': ('Q', 8, 0, 2**64 - 1, None),
}
_ITEMSIZE = {'f': 4, 'd': 8, 'u': 4}


def _int_item(typecode, v):
    if isinstance(v, float) or not hasattr(type(v), '__index__'):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
    v = v.__index__()
    _, _, lo, hi, words = _INTS[typecode]
    if lo <= v <= hi:
        return v
    if words is not None:
        if typecode == 'I' and v < 0:
            raise OverflowError("can't convert negative value to unsigned int")
        raise OverflowError("%s is %s" % (words, "greater than maximum" if v > hi else "less than minimum"))
    if typecode == 'l':
        raise OverflowError("Python int too large to convert to C long")
    if typecode == 'L':
        if v < 0:
            raise OverflowError("can't convert negative value to unsigned int")
        raise OverflowError("Python int too large to convert to C unsigned long")
    if typecode == 'Q' and v < 0:
        raise OverflowError("can't convert negative int to unsigned")
    raise OverflowError("int too big to convert")


def _item(typecode, v):
    # v converted as CPython stores it into an array of typecode.
    if typecode in _INTS:
        return _int_item(typecode, v)
    if typecode == 'u':
        if not isinstance(v, str) or len(v) != 1:
            raise TypeError("array item must be unicode character, not %s" % type(v).__name__)
        return v
    if not isinstance(v, (int, float)) and not hasattr(type(v), '__float__'):
        raise TypeError("must be real number, not %s" % type(v).__name__)
    v = float(v)
    if typecode == 'f':
        v = struct.unpack('f', struct.pack('f', v))[0]
    return v


class array:
    """array(typecode[, initializer]): an array of items of one C type."""

    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1:
            raise TypeError("array() argument 1 must be a unicode character, not %s" % type(typecode).__name__)
        if typecode not in typecodes:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self._typecode = typecode
        self._items = []
        if initializer is None:
            return
        if isinstance(initializer, (bytes, bytearray)):
            self.frombytes(initializer)
        elif isinstance(initializer, str):
            if typecode != 'u':
                raise TypeError("cannot use a str to initialize an array with typecode '%s'" % typecode)
            self._items = list(initializer)
        elif isinstance(initializer, array):
            if initializer._typecode == 'u' and typecode != 'u':
                raise TypeError("cannot use a unicode array to initialize an array with typecode '%s'" % typecode)
            self.extend(initializer._items)
        else:
            self.extend(initializer)

    @property
    def typecode(self):
        return self._typecode

    @property
    def itemsize(self):
        if self._typecode in _INTS:
            return _INTS[self._typecode][1]
        return _ITEMSIZE[self._typecode]

    def _new(self, items):
        a = array(self._typecode)
        a._items = items
        return a

    def _same_kind(self, other, what):
        if not isinstance(other, array):
            raise TypeError(what)
        if other._typecode != self._typecode:
            raise TypeError("bad argument type for built-in operation")

    # The sequence protocol.

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __reversed__(self):
        return reversed(self._items)

    def __contains__(self, v):
        return v in self._items

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self._new(self._items[i])
        try:
            return self._items[i]
        except IndexError:
            raise IndexError("array index out of range") from None

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            if not isinstance(v, array):
                raise TypeError('can only assign array (not "%s") to array slice' % type(v).__name__)
            if v._typecode != self._typecode:
                raise TypeError("bad argument type for built-in operation")
            self._items[i] = v._items
            return
        v = _item(self._typecode, v)
        try:
            self._items[i] = v
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __delitem__(self, i):
        try:
            del self._items[i]
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __add__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        self._same_kind(other, "")
        return self._new(self._items + other._items)

    def __iadd__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        self._same_kind(other, "")
        self._items += other._items
        return self

    def __mul__(self, n):
        if not hasattr(type(n), '__index__'):
            return NotImplemented
        return self._new(self._items * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        if not hasattr(type(n), '__index__'):
            return NotImplemented
        self._items *= n
        return self

    def _compare(op):
        # A rich comparison: the items' lists compared, against arrays
        # only.
        def compare(self, other):
            if not isinstance(other, array):
                return NotImplemented
            return op(self._items, other._items)
        return compare

    __eq__ = _compare(lambda a, b: a == b)
    __ne__ = _compare(lambda a, b: a != b)
    __lt__ = _compare(lambda a, b: a < b)
    __le__ = _compare(lambda a, b: a <= b)
    __gt__ = _compare(lambda a, b: a > b)
    __ge__ = _compare(lambda a, b: a >= b)
    del _compare

    __hash__ = None

    def __repr__(self):
        if not self._items:
            return "array('%s')" % self._typecode
        if self._typecode == 'u':
            return "array('u', %r)" % ''.join(self._items)
        return "array('%s', %r)" % (self._typecode, self._items)

    def __copy__(self):
        return self._new(list(self._items))

    def __deepcopy__(self, memo):
        return self.__copy__()

    # The methods.

    def append(self, v):
        self._items.append(_item(self._typecode, v))

    def extend(self, iterable):
        if isinstance(iterable, array):
            if iterable._typecode != self._typecode:
                raise TypeError("can only extend with array of same kind")
            self._items.extend(iterable._items)
            return
        tc = self._typecode
        self._items.extend([_item(tc, v) for v in iterable])

    def insert(self, i, v):
        self._items.insert(i, _item(self._typecode, v))

    def pop(self, i=-1):
        if not self._items:
            raise IndexError("pop from empty array")
        try:
            return self._items.pop(i)
        except IndexError:
            raise IndexError("pop index out of range") from None

    def remove(self, v):
        try:
            self._items.remove(v)
        except ValueError:
            raise ValueError("array.remove(x): x not in array") from None

    def index(self, v, start=0, stop=None):
        try:
            if stop is None:
                return self._items.index(v, start)
            return self._items.index(v, start, stop)
        except ValueError:
            raise ValueError("array.index(x): x not in array") from None

    def count(self, v):
        return self._items.count(v)

    def reverse(self):
        self._items.reverse()

    def tolist(self):
        return list(self._items)

    def fromlist(self, items):
        if not isinstance(items, list):
            raise TypeError("arg must be list")
        tc = self._typecode
        self._items.extend([_item(tc, v) for v in items])

    def _format(self, n):
        if self._typecode in _INTS:
            return '=%d%s' % (n, _INTS[self._typecode][0])
        return '=%d%s' % (n, {'f': 'f', 'd': 'd', 'u': 'I'}[self._typecode])

    def tobytes(self):
        items = self._items
        if self._typecode == 'u':
            items = [ord(c) for c in items]
        return struct.pack(self._format(len(items)), *items)

    def frombytes(self, data):
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
        size = self.itemsize
        if len(data) % size:
            raise ValueError("bytes length not a multiple of item size")
        items = list(struct.unpack(self._format(len(data) // size), bytes(data)))
        if self._typecode == 'u':
            items = [chr(c) for c in items]
        self._items.extend(items)

    def tounicode(self):
        if self._typecode != 'u':
            raise ValueError("tounicode() may only be called on unicode type arrays")
        return ''.join(self._items)

    def fromunicode(self, s):
        if self._typecode != 'u':
            raise ValueError("fromunicode() may only be called on unicode type arrays")
        self._items.extend(s)

    def buffer_info(self):
        return (id(self), len(self._items))

    def byteswap(self):
        size = self.itemsize
        data = self.tobytes()
        swapped = b''.join(data[i:i + size][::-1] for i in range(0, len(data), size))
        self._items = []
        self.frombytes(swapped)


ArrayType = array
