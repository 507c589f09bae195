"""Regular expressions: compile, search, match, fullmatch, findall,
finditer, sub, subn, split, escape, with Pattern and Match objects as
CPython's.

The matching is Go's regexp (RE2), through the _regex module: the same
leftmost-first matches as CPython's engine, in linear time. Patterns that
need backtracking -- backreferences, lookahead and lookbehind, atomic and
conditional groups -- raise re.error at compile time, naming the
construct. Only str patterns and strings are taken.
"""

import _regex

__all__ = ['match', 'fullmatch', 'search', 'sub', 'subn', 'split', 'findall',
           'finditer', 'compile', 'purge', 'escape', 'error', 'Pattern', 'Match',
           'A', 'I', 'L', 'M', 'S', 'X', 'U', 'ASCII', 'IGNORECASE', 'LOCALE',
           'MULTILINE', 'DOTALL', 'VERBOSE', 'UNICODE', 'NOFLAG', 'RegexFlag']

NOFLAG = 0
A = ASCII = 256
I = IGNORECASE = 2
L = LOCALE = 4
M = MULTILINE = 8
S = DOTALL = 16
U = UNICODE = 32
X = VERBOSE = 64
RegexFlag = int


class error(Exception):
    """A pattern that does not compile."""

    def __init__(self, msg, pattern=None, pos=None):
        super().__init__(msg)
        self.msg = msg
        self.pattern = pattern
        self.pos = pos


PatternError = error

_SEARCH, _MATCH, _FULL, _ALL = 0, 1, 2, 3


class Pattern:
    """A compiled regular expression."""

    def __init__(self, pattern, flags):
        if isinstance(pattern, (bytes, bytearray)):
            raise TypeError("rwgil's re takes str patterns only")
        if not isinstance(pattern, str):
            raise TypeError('first argument must be string or compiled pattern')
        if flags & LOCALE:
            raise ValueError('cannot use LOCALE flag with a str pattern')
        try:
            groups, groupindex = _regex.compile(pattern, flags)
        except ValueError as e:
            raise error(str(e), pattern) from None
        self.pattern = pattern
        self.flags = flags | UNICODE if not flags & ASCII else flags
        self.groups = groups
        self.groupindex = groupindex

    def __repr__(self):
        flags = self.flags & ~UNICODE
        names = [n for n, v in (('re.IGNORECASE', I), ('re.MULTILINE', M), ('re.DOTALL', S),
                                ('re.VERBOSE', X), ('re.ASCII', A)) if flags & v]
        if names:
            return 're.compile(%r, %s)' % (self.pattern, '|'.join(names))
        return 're.compile(%r)' % (self.pattern,)

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def _find(self, string, pos, endpos, mode):
        if not isinstance(string, str):
            raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")
        n = len(string)
        if endpos is None or endpos > n:
            endpos = n
        if pos < 0:
            pos = 0
        spans = _regex.find(self.pattern, self.flags & ~UNICODE, string, pos, endpos, mode)
        if spans is None:
            return None
        return Match(self, string, pos, endpos, spans)

    def search(self, string, pos=0, endpos=None):
        """The first match anywhere in string[pos:endpos], or None."""
        return self._find(string, pos, endpos, _SEARCH)

    def match(self, string, pos=0, endpos=None):
        """A match at the start of string[pos:endpos], or None."""
        return self._find(string, pos, endpos, _MATCH)

    def fullmatch(self, string, pos=0, endpos=None):
        """A match of all of string[pos:endpos], or None."""
        return self._find(string, pos, endpos, _FULL)

    def finditer(self, string, pos=0, endpos=None):
        """The non-overlapping matches, left to right, as Match objects.
        An empty match right after a match is not one (Go's rule; CPython
        3.7+ counts it)."""
        if not isinstance(string, str):
            raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")
        n = len(string)
        if endpos is None or endpos > n:
            endpos = n
        for spans in _regex.find(self.pattern, self.flags & ~UNICODE, string, max(pos, 0), endpos, _ALL):
            yield Match(self, string, pos, endpos, spans)

    def findall(self, string, pos=0, endpos=None):
        """The non-overlapping matches: the matched strings with no group,
        the one group's text with one, tuples of the groups' with more."""
        out = []
        for m in self.finditer(string, pos, endpos):
            if self.groups == 0:
                out.append(m.group())
            elif self.groups == 1:
                out.append(m.group(1) or '')
            else:
                out.append(tuple(g or '' for g in m.groups()))
        return out

    def split(self, string, maxsplit=0):
        """string split at the matches; the groups' texts are kept between
        the pieces."""
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if maxsplit and n >= maxsplit:
                break
            start, end = m.span()
            out.append(string[last:start])
            out.extend(m.groups())
            last = end
            n += 1
        out.append(string[last:])
        return out

    def subn(self, repl, string, count=0):
        """(new string, number of replacements): sub that also counts."""
        if callable(repl):
            expand = repl
        else:
            template = _parse_template(repl, self)
            expand = lambda m: _expand(template, m)
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if count and n >= count:
                break
            start, end = m.span()
            out.append(string[last:start])
            piece = expand(m)
            if not isinstance(piece, str):
                raise TypeError(f'expected str instance, {type(piece).__name__} found')
            out.append(piece)
            last = end
            n += 1
        out.append(string[last:])
        return ''.join(out), n

    def sub(self, repl, string, count=0):
        """string with the matches replaced by repl: a template (\\1,
        \\g<name>) or a function of the Match."""
        return self.subn(repl, string, count)[0]


class Match:
    """The result of a successful match."""

    def __init__(self, pattern, string, pos, endpos, spans):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._spans = spans
        # lastindex is the group that closed last: the latest end, the
        # outermost of groups ending together.
        last = None
        lastend = -1
        for i in range(1, pattern.groups + 1):
            e = spans[2 * i + 1]
            if spans[2 * i] >= 0 and e > lastend:
                last, lastend = i, e
        self.lastindex = last
        self.lastgroup = None
        if last is not None:
            for name, index in pattern.groupindex.items():
                if index == last:
                    self.lastgroup = name

    def _index(self, g):
        if isinstance(g, str):
            try:
                return self.re.groupindex[g]
            except KeyError:
                raise IndexError('no such group') from None
        if isinstance(g, int) and 0 <= g <= self.re.groups:
            return g
        raise IndexError('no such group')

    def span(self, group=0):
        i = self._index(group)
        return (self._spans[2 * i], self._spans[2 * i + 1])

    def start(self, group=0):
        return self.span(group)[0]

    def end(self, group=0):
        return self.span(group)[1]

    def _text(self, i, default=None):
        s, e = self._spans[2 * i], self._spans[2 * i + 1]
        if s < 0:
            return default
        return self.string[s:e]

    def group(self, *groups):
        """The text of one group (0, the whole match, by default), or a
        tuple of several."""
        if not groups:
            return self._text(0)
        if len(groups) == 1:
            return self._text(self._index(groups[0]))
        return tuple(self._text(self._index(g)) for g in groups)

    def __getitem__(self, g):
        return self._text(self._index(g))

    def groups(self, default=None):
        """The texts of all groups; default for one that did not take part."""
        return tuple(self._text(i, default) for i in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        """The named groups' texts, by name."""
        return {name: self._text(i, default) for name, i in self.re.groupindex.items()}

    def expand(self, template):
        """template with its group references (\\1, \\g<name>) filled in."""
        return _expand(_parse_template(template, self.re), self)

    @property
    def regs(self):
        return tuple((self._spans[2 * i], self._spans[2 * i + 1]) for i in range(self.re.groups + 1))

    def __bool__(self):
        return True

    def __repr__(self):
        return '<re.Match object; span=%r, match=%r>' % (self.span(), self.group())


_ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', 'f': '\f', 'v': '\v', 'a': '\a', 'b': '\b', '\\': '\\'}


def _parse_template(repl, pattern):
    # A replacement template as a list of literal strings and group
    # indexes.
    parts = []
    lit = []
    i = 0
    n = len(repl)
    while i < n:
        c = repl[i]
        if c != '\\':
            lit.append(c)
            i += 1
            continue
        if i + 1 >= n:
            raise error('bad escape (end of pattern)', repl, i)
        d = repl[i + 1]
        if d == 'g':
            if i + 2 >= n or repl[i + 2] != '<':
                raise error('missing <', repl, i + 2)
            close = repl.find('>', i + 3)
            if close < 0:
                raise error('missing >, unterminated name', repl, i + 3)
            name = repl[i + 3:close]
            if name.isdigit():
                index = int(name)
                if index > pattern.groups:
                    raise error(f'invalid group reference {index}', repl, i + 3)
            elif name in pattern.groupindex:
                index = pattern.groupindex[name]
            else:
                raise IndexError(f"unknown group name '{name}'")
            parts.append(''.join(lit))
            lit = []
            parts.append(index)
            i = close + 1
        elif d.isdigit():
            j = i + 1
            while j < n and j < i + 3 and repl[j].isdigit():
                j += 1
            index = int(repl[i + 1:j])
            if index > pattern.groups:
                raise error(f'invalid group reference {index}', repl, i + 1)
            parts.append(''.join(lit))
            lit = []
            parts.append(index)
            i = j
        elif d in _ESCAPES:
            lit.append(_ESCAPES[d])
            i += 2
        elif d.isalpha():
            raise error(f'bad escape \\{d}', repl, i)
        else:
            lit.append('\\' + d)
            i += 2
    parts.append(''.join(lit))
    return parts


def _expand(template, m):
    out = []
    for p in template:
        if isinstance(p, int):
            out.append(m.group(p) or '')
        else:
            out.append(p)
    return ''.join(out)


_cache = {}


def _compile(pattern, flags):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError('cannot process flags argument with a compiled pattern')
        return pattern
    key = (type(pattern), pattern, flags)
    p = _cache.get(key)
    if p is None:
        p = Pattern(pattern, flags)
        if len(_cache) >= 512:
            _cache.clear()
        _cache[key] = p
    return p


def compile(pattern, flags=0):
    """Compile pattern into a Pattern."""
    return _compile(pattern, flags)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def purge():
    """Empty the cache of compiled patterns."""
    _cache.clear()


_special = frozenset('()[]{}?*+-|^$\\.&~# \t\n\r\v\f')


def escape(pattern):
    """pattern with every character that is special in a regular
    expression escaped."""
    return ''.join('\\' + c if c in _special else c for c in pattern)
