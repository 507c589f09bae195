"""Constants of ASCII character classes, capwords, and Template: $-string
substitution (PEP 292)."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s into words by sep (whitespace by default), capitalize each
    word, and join them with sep (a space by default)."""
    return (sep or ' ').join(word.capitalize() for word in s.split(sep))


def _is_identifier_start(c):
    return c == '_' or 'a' <= c <= 'z' or 'A' <= c <= 'Z'


def _is_identifier_char(c):
    return _is_identifier_start(c) or '0' <= c <= '9'


class Template:
    """A string with $-placeholders: $$ is a dollar sign, $name and
    ${name} are replaced by the mapping's value for name (an ASCII
    identifier, case-insensitively matched as CPython's default pattern
    does)."""

    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _pieces(self):
        # The template as a list of (kind, text, index): kind is 'text',
        # 'escaped', 'named' or 'invalid'; index is where the piece starts.
        t = self.template
        d = self.delimiter
        out = []
        i = 0
        start = 0
        n = len(t)
        while i < n:
            if not t.startswith(d, i):
                i += 1
                continue
            if start < i:
                out.append(('text', t[start:i], start))
            j = i + len(d)
            if t.startswith(d, j):
                out.append(('escaped', d, i))
                i = j + len(d)
            elif j < n and _is_identifier_start(t[j]):
                k = j + 1
                while k < n and _is_identifier_char(t[k]):
                    k += 1
                out.append(('named', t[j:k], i))
                i = k
            elif j < n and t[j] == '{' and j + 1 < n and _is_identifier_start(t[j + 1]):
                k = j + 2
                while k < n and _is_identifier_char(t[k]):
                    k += 1
                if k < n and t[k] == '}':
                    out.append(('named', t[j + 1:k], i))
                    i = k + 1
                else:
                    out.append(('invalid', d, i))
                    i = j
            else:
                out.append(('invalid', d, i))
                i = j
            start = i
        if start < n:
            out.append(('text', t[start:], start))
        return out

    def _invalid(self, index):
        lines = self.template[:index].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = index - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' %
                         (lineno, colno))

    def substitute(self, mapping={}, /, **kws):
        """The template with every placeholder replaced; KeyError for a
        name with no value, ValueError for a misplaced delimiter."""
        if kws:
            mapping = _Chain(kws, mapping) if mapping else kws
        out = []
        for kind, text, index in self._pieces():
            if kind == 'named':
                out.append(str(mapping[text]))
            elif kind == 'invalid':
                self._invalid(index + len(self.delimiter))
            else:
                out.append(text)
        return ''.join(out)

    def safe_substitute(self, mapping={}, /, **kws):
        """The template with the placeholders that have values replaced;
        the others, and misplaced delimiters, are left as they are."""
        if kws:
            mapping = _Chain(kws, mapping) if mapping else kws
        t = self.template
        out = []
        for kind, text, index in self._pieces():
            if kind == 'named':
                try:
                    out.append(str(mapping[text]))
                except KeyError:
                    end = index + len(self.delimiter) + len(text)
                    if t.startswith('{', index + len(self.delimiter)):
                        end += 2
                    out.append(t[index:end])
            else:
                out.append(text)
        return ''.join(out)

    def is_valid(self):
        """Whether the template has no misplaced delimiter."""
        return all(kind != 'invalid' for kind, _, _ in self._pieces())

    def get_identifiers(self):
        """The names of the template's placeholders, each once, in order."""
        names = []
        for kind, text, index in self._pieces():
            if kind == 'named' and text not in names:
                names.append(text)
            elif kind == 'invalid':
                self._invalid(index + len(self.delimiter))
        return names


class _Chain:
    # The keyword arguments of substitute looked up before its mapping.
    def __init__(self, first, second):
        self.first = first
        self.second = second

    def __getitem__(self, key):
        if key in self.first:
            return self.first[key]
        return self.second[key]


class Formatter:
    """str.format as a class whose steps can be overridden: format,
    vformat, get_value, check_unused_args, format_field, convert_field.
    rwgil's parses only replacement fields of the form {name}, {0},
    {name.attr}, {name[key]}, with an optional !r/!s/!a and :spec."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used = set()
        out = []
        auto = 0
        i = 0
        n = len(format_string)
        while i < n:
            c = format_string[i]
            if c == '{':
                if i + 1 < n and format_string[i + 1] == '{':
                    out.append('{')
                    i += 2
                    continue
                j = format_string.find('}', i)
                if j < 0:
                    raise ValueError("expected '}' before end of string")
                field = format_string[i + 1:j]
                spec = ''
                conv = None
                if ':' in field:
                    field, spec = field.split(':', 1)
                if '!' in field:
                    field, conv = field.split('!', 1)
                first = field
                rest = ''
                for k, ch in enumerate(field):
                    if ch in '.[':
                        first, rest = field[:k], field[k:]
                        break
                if first == '':
                    first = auto
                    auto += 1
                elif first.isdigit():
                    first = int(first)
                obj = self.get_value(first, args, kwargs)
                used.add(first)
                while rest:
                    if rest[0] == '.':
                        k = 1
                        while k < len(rest) and rest[k] not in '.[':
                            k += 1
                        obj = getattr(obj, rest[1:k])
                        rest = rest[k:]
                    else:
                        k = rest.index(']')
                        key = rest[1:k]
                        obj = obj[int(key) if key.isdigit() else key]
                        rest = rest[k + 1:]
                obj = self.convert_field(obj, conv)
                out.append(self.format_field(obj, spec))
                i = j + 1
            elif c == '}':
                if i + 1 < n and format_string[i + 1] == '}':
                    out.append('}')
                    i += 2
                    continue
                raise ValueError("Single '}' encountered in format string")
            else:
                out.append(c)
                i += 1
        self.check_unused_args(used, args, kwargs)
        return ''.join(out)

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))
