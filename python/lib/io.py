"""In-memory streams: StringIO (text) and BytesIO (bytes), as CPython's io
module has them, with the base classes they derive from.

rwgil has no files to open, so io has no open(), FileIO or buffered and
text wrappers; sys.stdout and sys.stderr are the runtime's own writers.
A stream is a buffer, a position in it and a closed flag; every method
is CPython's, with its errors: a closed stream raises ValueError, a
write of the wrong type TypeError, a seek CPython refuses OSError or
ValueError. Writing past the end pads with zeros ('\\0' or b'\\0').
"""

__all__ = ['IOBase', 'RawIOBase', 'BufferedIOBase', 'TextIOBase',
           'StringIO', 'BytesIO', 'UnsupportedOperation',
           'SEEK_SET', 'SEEK_CUR', 'SEEK_END', 'DEFAULT_BUFFER_SIZE']

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192


class UnsupportedOperation(OSError, ValueError):
    pass


class IOBase:
    """The base of every stream."""

    def __enter__(self):
        IOBase._check_closed(self)
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        IOBase._check_closed(self)
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def _check_closed(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def flush(self):
        IOBase._check_closed(self)

    def isatty(self):
        IOBase._check_closed(self)
        return False

    def readable(self):
        self._check_closed()
        return True

    def writable(self):
        self._check_closed()
        return True

    def seekable(self):
        self._check_closed()
        return True

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def writelines(self, lines):
        IOBase._check_closed(self)
        for line in lines:
            self.write(line)

    def readlines(self, hint=-1):
        IOBase._check_closed(self)
        if hint is None:
            hint = -1
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines


class RawIOBase(IOBase):
    pass


class BufferedIOBase(IOBase):
    pass


class TextIOBase(IOBase):
    pass


def _index(name, n, allow_none=True):
    # A size or position argument: an int (or an object with __index__),
    # or None where the method allows it.
    if n is None and allow_none:
        return -1
    if not hasattr(type(n), '__index__'):
        raise TypeError("argument should be integer or None, not '%s'" % type(n).__name__)
    return n.__index__()


class _Memory:
    # What StringIO and BytesIO share: _buf holds the contents (a list of
    # characters or a bytearray), _pos the position, which may lie past
    # the end until the next write pads up to it.

    def _init(self, buf):
        self._buf = buf
        self._pos = 0
        self._closed = False

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def tell(self):
        self._check_closed()
        return self._pos

    def seek(self, pos, whence=0):
        self._check_closed()
        pos = _index("pos", pos, False)
        if whence == 0:
            if pos < 0:
                raise ValueError(self._negative_seek % pos)
            self._pos = pos
        elif whence == 1:
            self._seek_relative(pos, self._pos)
        elif whence == 2:
            self._seek_relative(pos, len(self._buf))
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos

    def truncate(self, size=None):
        self._check_closed()
        size = self._pos if size is None else _index("size", size, False)
        if size < 0:
            raise ValueError(self._negative_size % size)
        del self._buf[size:]
        return size

    def _take(self, size):
        # The next size items (all that are left when size < 0), moving on.
        start = min(self._pos, len(self._buf))
        end = len(self._buf) if size < 0 else min(start + size, len(self._buf))
        self._pos = max(self._pos, end)
        return self._buf[start:end]

    def _put(self, items):
        n = len(items)
        if n == 0:
            return 0
        if self._pos > len(self._buf):
            self._buf[len(self._buf):] = self._pad * (self._pos - len(self._buf))
        self._buf[self._pos:self._pos + n] = items
        self._pos += n
        return n


class StringIO(_Memory, TextIOBase):
    """A text stream in memory: StringIO(initial_value='', newline='\\n')."""

    _pad = ['\0']
    _negative_seek = "Negative seek position %d"
    _negative_size = "Negative size value %d"

    def _check_closed(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")

    def __init__(self, initial_value='', newline='\n'):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not %s" % type(newline).__name__)
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s" % type(initial_value).__name__)
        self._newline = newline
        self._init([])
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    @property
    def newlines(self):
        return None

    @property
    def line_buffering(self):
        return False

    def getvalue(self):
        self._check_closed()
        return ''.join(self._buf)

    def flush(self):
        pass  # CPython's StringIO.flush does not check

    def write(self, s):
        self._check_closed()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'" % type(s).__name__)
        n = len(s)
        if self._newline is None:
            s = s.replace('\r\n', '\n').replace('\r', '\n')
        elif self._newline in ('\r', '\r\n'):
            s = s.replace('\n', self._newline)
        self._put(list(s))
        return n

    def read(self, size=-1):
        self._check_closed()
        return ''.join(self._take(_index("size", size)))

    def readline(self, size=-1):
        self._check_closed()
        size = _index("size", size)
        start = min(self._pos, len(self._buf))
        rest = ''.join(self._buf[start:])
        if size >= 0:
            rest = rest[:size]
        end = self._line_end(rest)
        line = rest if end < 0 else rest[:end]
        self._pos = start + len(line)
        return line

    def _line_end(self, text):
        # Where the first line of text ends (past its terminator), or -1.
        nl = self._newline
        if nl == '':
            for i, c in enumerate(text):
                if c == '\n':
                    return i + 1
                if c == '\r':
                    return i + 2 if text[i + 1:i + 2] == '\n' else i + 1
            return -1
        term = '\n' if nl is None else nl
        i = text.find(term)
        return -1 if i < 0 else i + len(term)

    def _seek_relative(self, pos, base):
        if pos != 0:
            raise OSError("Can't do nonzero cur-relative seeks")
        self._pos = base

    def detach(self):
        raise UnsupportedOperation("detach")

    def __repr__(self):
        return "<_io.StringIO object at 0x%x>" % id(self)


class BytesIO(_Memory, BufferedIOBase):
    """A bytes stream in memory: BytesIO(initial_bytes=b'')."""

    _pad = b'\0'
    _negative_seek = "negative seek value %d"
    _negative_size = "negative size value %d"

    def __init__(self, initial_bytes=b''):
        self._init(bytearray())
        if initial_bytes:
            self._put(bytes(initial_bytes))
            self._pos = 0

    def getvalue(self):
        self._check_closed()
        return bytes(self._buf)

    def write(self, b):
        self._check_closed()
        if not isinstance(b, (bytes, bytearray)):
            raise TypeError("a bytes-like object is required, not '%s'" % type(b).__name__)
        return self._put(bytes(b))

    def read(self, size=-1):
        self._check_closed()
        return bytes(self._take(_index("size", size)))

    read1 = read

    def __iter__(self):
        return self  # CPython's BytesIO.__iter__ does not check

    def readline(self, size=-1):
        self._check_closed()
        size = _index("size", size)
        start = min(self._pos, len(self._buf))
        end = self._buf.find(b'\n', start)
        end = len(self._buf) if end < 0 else end + 1
        if size >= 0:
            end = min(end, start + size)
        self._pos = max(self._pos, end)
        return bytes(self._buf[start:end])

    def _seek_relative(self, pos, base):
        self._pos = max(0, base + pos)

    def readinto(self, b):
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def __repr__(self):
        return "<_io.BytesIO object at 0x%x>" % id(self)
