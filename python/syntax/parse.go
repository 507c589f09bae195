package syntax

import (
	"bytes"
	"strconv"
	"strings"
)

// MaxSourceSize is the largest source Parse accepts, in bytes.
const MaxSourceSize = 8 << 20

// Parse parses the Python 3.12 module in src, named filename in errors.
// It returns the module's tree, or a *Error with the kind, position and
// message CPython 3.12 reports for the first mistake (as compile() of the
// text would; ParseFile is "python3.12 filename"). src is UTF-8 unless a PEP 263 coding comment on its
// first two lines says Latin-1 (any other declared encoding is an error);
// a UTF-8 byte order mark is skipped.
func Parse(filename string, src []byte) (*Module, error) {
	return parse(filename, src, false)
}

// ParseFile is Parse for a file that is run, as "python3.12 filename"
// runs it, where Parse is CPython's compile() of the file's text: the two
// differ in the position of an error at the end of the file, whose offset
// is 0 when CPython runs the file (and no caret is printed).
func ParseFile(filename string, src []byte) (*Module, error) {
	return parse(filename, src, true)
}

func parse(filename string, src []byte, fileMode bool) (*Module, error) {
	text, latin1, err := prepareSource(filename, src)
	if err != nil {
		return nil, err
	}
	p := &parser{filename: filename, src: text, fileMode: fileMode}
	p.bom = bytes.HasPrefix(src, []byte("\xef\xbb\xbf"))
	p.addedNL = len(src) == 0 || (src[len(src)-1] != '\n' && src[len(src)-1] != '\r')
	p.lines = lineStarts(text)
	n := len(text)/4 + 16
	p.toks = make([]token, 0, n)
	p.memo = make([]int32, 0, n)
	p.sc = newScanner(text, p)
	p.sc.checkUTF8 = !latin1
	m, perr := p.parse()
	if perr != nil {
		p.finishError(perr)
		return nil, perr
	}
	return m, nil
}

// finishError fills in the file name and the source line.
func (p *parser) finishError(e *Error) {
	e.Filename = p.filename
	if e.noPos {
		return
	}
	e.Text, e.textNL = p.errorLine(e.Line)
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// prepareSource checks the raw bytes, decodes them to UTF-8, and
// normalizes newlines to "\n" with one at the end, as CPython's file
// reader does.
func prepareSource(filename string, src []byte) ([]byte, bool, *Error) {
	if len(src) > MaxSourceSize {
		return nil, false, &Error{Kind: KindSyntaxError, Filename: filename, Line: 1, Offset: 0, EndLine: 1,
			Msg: "source too large: " + strconv.Itoa(len(src)) + " bytes (the limit is " + strconv.Itoa(MaxSourceSize) + ")", noPos: true}
	}
	bom := bytes.HasPrefix(src, []byte("\xef\xbb\xbf"))
	if bom {
		src = src[3:]
	}
	// Newlines: "\r\n" and "\r" become "\n".
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	} else {
		src = append([]byte(nil), src...)
	}
	if len(src) == 0 || src[len(src)-1] != '\n' {
		src = append(src, '\n')
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line := 1 + bytes.Count(src[:i], []byte("\n"))
		start := bytes.LastIndexByte(src[:i], '\n') + 1
		return nil, false, &Error{Kind: KindSyntaxError, Filename: filename, Line: line, Offset: 0, EndLine: line, EndOffset: 0,
			Msg: "source code cannot contain null bytes", Text: string(src[start:i])}
	}
	enc := codingSpec(src)
	if enc != "" {
		norm := normalEncoding(enc)
		switch {
		case bom && norm != "utf-8":
			return nil, false, &Error{Kind: KindSyntaxError, Filename: filename, Line: 1, EndLine: 1, Msg: "encoding problem: " + norm + " with BOM", noPos: true}
		case norm == "iso-8859-1":
			out := make([]byte, 0, len(src)+len(src)/8)
			for _, c := range src {
				if c < 0x80 {
					out = append(out, c)
				} else {
					out = append(out, 0xC0|c>>6, 0x80|c&0x3F)
				}
			}
			return out, true, nil
		case norm != "utf-8":
			return nil, false, &Error{Kind: KindSyntaxError, Filename: filename, Line: 1, EndLine: 1,
				Msg: "encoding problem: " + enc, noPos: true}
		}
	}
	return src, false, nil
}

// codingSpec finds a PEP 263 coding declaration in the first two lines
// (the second only when the first holds no code), as CPython's
// check_coding_spec does.
func codingSpec(src []byte) string {
	for n, rest := 0, src; n < 2 && len(rest) > 0; n++ {
		end := bytes.IndexByte(rest, '\n')
		line := rest
		if end >= 0 {
			line, rest = rest[:end], rest[end+1:]
		} else {
			rest = nil
		}
		if name := lineCodingSpec(line); name != "" {
			return name
		}
		// Stop after a line with anything but a comment.
		for _, c := range line {
			if c == '#' {
				break
			}
			if c != ' ' && c != '\t' && c != '\f' {
				return ""
			}
		}
	}
	return ""
}

func lineCodingSpec(line []byte) string {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f') {
		i++
	}
	if i >= len(line) || line[i] != '#' {
		return ""
	}
	s := string(line[i:])
	for {
		k := strings.Index(s, "coding")
		if k < 0 {
			return ""
		}
		s = s[k+6:]
		if len(s) == 0 || (s[0] != ':' && s[0] != '=') {
			continue
		}
		s = s[1:]
		j := 0
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		k = j
		for k < len(s) && (isAlnum(s[k]) || s[k] == '-' || s[k] == '_' || s[k] == '.') {
			k++
		}
		if k > j {
			return s[j:k]
		}
	}
}

func isAlnum(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// normalEncoding is CPython's get_normal_name.
func normalEncoding(s string) string {
	b := strings.ToLower(strings.ReplaceAll(s, "_", "-"))
	if len(b) > 12 {
		b = b[:12]
	}
	switch {
	case b == "utf-8" || strings.HasPrefix(b, "utf-8-"):
		return "utf-8"
	case b == "latin-1" || b == "iso-8859-1" || b == "iso-latin-1" ||
		strings.HasPrefix(b, "latin-1-") || strings.HasPrefix(b, "iso-8859-1-") || strings.HasPrefix(b, "iso-latin-1-"):
		return "iso-8859-1"
	}
	return s
}
