package core

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rwgil/rwgil/core/bytecode"
)

// CaretAnchors finds the anchors of a traceback's caret line, as CPython
// 3.12 does by parsing the source segment of the failing instruction
// (one line): for a segment that is one expression statement whose
// expression is a binary operation, leftEnd and rightStart bracket its
// operator; for a subscript, its brackets. Offsets are in bytes of
// segment. ok is false for anything else, or a segment that does not
// parse. Core has no parser; the Python front end supplies one
// (Config.CaretAnchors), and without it carets have no anchors.
type CaretAnchors func(segment string) (leftEnd, rightStart int, ok bool)

// sourceCache keeps the lines of the files tracebacks show, per runtime,
// as CPython's linecache does: a file is read once, at the first
// traceback that needs it. nil lines: the file could not be read.
type sourceCache struct {
	mu    sync.Mutex
	files map[string][]string
}

// sourceLine returns line lineno (from 1) of file, without its end of
// line, or ok false when the file or the line cannot be read. Names like
// "<stdin>" are not files.
func (rt *Runtime) sourceLine(file string, lineno int) (string, bool) {
	if file == "" || strings.HasPrefix(file, "<") && strings.HasSuffix(file, ">") {
		return "", false
	}
	c := &rt.sources
	c.mu.Lock()
	defer c.mu.Unlock()
	lines, cached := c.files[file]
	if !cached {
		lines = readSourceLines(file, rt.cfg.Source)
		if c.files == nil {
			c.files = make(map[string][]string)
		}
		c.files[file] = lines
	}
	if lineno < 1 || lineno > len(lines) {
		return "", false
	}
	return lines[lineno-1], true
}

// readSourceLines reads a source file (through source when not nil) as
// CPython's traceback does: in
// the encoding its coding comment declares (Latin-1, or UTF-8), with
// universal newlines. A file that does not decode has no lines.
func readSourceLines(file string, source func(string) ([]byte, bool)) []string {
	var src []byte
	if source != nil {
		var ok bool
		if src, ok = source(file); !ok {
			return nil
		}
	} else {
		var err error
		if src, err = os.ReadFile(file); err != nil {
			return nil
		}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	text := string(src)
	if latin1Declared(src) {
		var b strings.Builder
		for _, c := range src {
			b.WriteRune(rune(c))
		}
		text = b.String()
	} else if !utf8.ValidString(text) {
		return nil
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// latin1Declared reports whether one of the first two lines is a PEP 263
// coding comment naming Latin-1.
func latin1Declared(src []byte) bool {
	for i, line := range bytes.SplitN(src, []byte("\n"), 3) {
		if i == 2 {
			break
		}
		l := strings.TrimSpace(string(line))
		if !strings.HasPrefix(l, "#") {
			continue
		}
		j := strings.Index(l, "coding")
		if j < 0 || j+6 >= len(l) || (l[j+6] != ':' && l[j+6] != '=') {
			continue
		}
		enc := strings.TrimLeft(l[j+7:], " \t")
		end := strings.IndexFunc(enc, func(r rune) bool {
			return !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		})
		if end >= 0 {
			enc = enc[:end]
		}
		switch strings.ToLower(strings.ReplaceAll(enc, "_", "-")) {
		case "latin-1", "iso-8859-1", "iso-latin-1", "l1", "latin1", "iso8859-1":
			return true
		}
	}
	return false
}

// charOffset converts a byte offset into line into a character offset,
// as CPython's _PyPegen_byte_offset_to_character_offset does (the bytes
// before it decoded with replacement).
func charOffset(line string, off int) int {
	off = min(max(off, 0), len(line))
	return utf8.RuneCountInString(line[:off])
}

// writeSourceLine writes the source line of a traceback entry and, when
// its instruction's span is known and does not cover the whole line, the
// caret line under it: CPython 3.12's tb_displayline.
func (rt *Runtime) writeSourceLine(b *strings.Builder, t TraceEntry, p bytecode.Position) {
	line, ok := rt.sourceLine(t.File, t.Line)
	if !ok {
		return
	}
	indent := 0
	for indent < len(line) && (line[indent] == ' ' || line[indent] == '\t' || line[indent] == '\f') {
		indent++
	}
	b.WriteString("    ")
	b.WriteString(line[indent:])
	b.WriteByte('\n')
	if p == (bytecode.Position{}) || p.Line != int32(t.Line) {
		return
	}
	start, end := charOffset(line, int(p.Col)), charOffset(line, int(p.EndCol))
	leftEnd, rightStart := -1, -1
	if p.Line == p.EndLine {
		if anchors := rt.cfg.CaretAnchors; anchors != nil && start <= end {
			seg := runeSlice(line, start, end)
			if l, r, ok := anchors(seg); ok {
				leftEnd, rightStart = charOffset(seg, l)+start, charOffset(seg, r)+start
			}
		}
	} else {
		// A span over several lines is marked to the end of the first:
		// its last character that is not white space (CPython counts the
		// line in characters but looks at bytes).
		n := utf8.RuneCountInString(line)
		i := n - 1
		for ; i >= 0; i-- {
			if i >= len(line) || (line[i] != ' ' && line[i] != '\t' && line[i] != '\f') {
				break
			}
		}
		end = i + 1
	}
	stripped := utf8.RuneCountInString(line) - indent
	special := leftEnd != -1 || rightStart != -1
	if end-start == stripped && !special {
		return
	}
	primary, secondary := byte('^'), byte('^')
	if special {
		primary, secondary = '~', '^'
	}
	// Under the line, four columns in; characters CPython's unicodedata
	// calls wide (East Asian W or F) take two columns, as in a terminal.
	b.WriteString("    ")
	i := 0
	for _, r := range line {
		if i >= end {
			break
		}
		w := displayWidth(r)
		switch {
		case i < indent:
		case i < start:
			b.WriteString(strings.Repeat(" ", w))
		case special && leftEnd <= i && i < rightStart:
			b.WriteString(strings.Repeat(string(secondary), w))
		default:
			b.WriteString(strings.Repeat(string(primary), w))
		}
		i++
	}
	for ; i < end; i++ { // an end past the line (a span to its newline)
		b.WriteByte(primary)
	}
	b.WriteByte('\n')
}

// displayWidth is the number of columns r takes in a traceback's caret
// line.
func displayWidth(r rune) int {
	lo, hi := 0, len(wideRanges)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case r < wideRanges[m][0]:
			hi = m
		case r > wideRanges[m][1]:
			lo = m + 1
		default:
			return 2
		}
	}
	return 1
}

// runeSlice is s[from:to] in characters.
func runeSlice(s string, from, to int) string {
	i, start, stop := 0, len(s), len(s)
	for pos := range s {
		if i == from {
			start = pos
		}
		if i == to {
			stop = pos
			break
		}
		i++
	}
	if from >= i && start == len(s) {
		return ""
	}
	return s[start:stop]
}
