package syntax

// The scanner follows CPython 3.12's tokenizer (Parser/tokenizer.c) closely,
// because CPython's error positions depend on where its tokenizer's cursor
// stands: the same cursor moves, the same characters are looked at, in the
// same order. It works on the whole source at once (newlines normalized,
// a final newline added), and produces one token per call to next.

const (
	maxIndent     = 100 // CPython's MAXINDENT
	maxLevel      = 200 // CPython's MAXLEVEL: nested brackets
	maxFStrLevel  = 150 // CPython's MAXFSTRINGLEVEL
	maxExprNest   = 3   // CPython's MAX_EXPR_NESTING: fields nested in format specs
	tabSize       = 8
	eofChar       = -1
	modeRegular   = 0
	modeFString   = 1
	errNone       = 0
	errEOF        = 1 // E_EOF: the end of the input was reached
	errDedent     = 2 // E_DEDENT
	errTabSpace   = 3 // E_TABSPACE
	errTooDeep    = 4 // E_TOODEEP
	errLineCont   = 5 // E_LINECONT
	errRaised     = 6 // E_ERROR: an error with its own message was raised
	errUnexpected = 7
)

// fmode is one entry of the tokenizer's mode stack: the regular mode at the
// bottom, one entry per f-string being read above it.
type fmode struct {
	kind           int
	quote          byte
	quoteSize      int
	raw            bool
	start          int // index of the f-string's first prefix character
	multiLineStart int // index of the line start where the f-string began
	lineStart      int // line number where the f-string began
	curlyDepth     int
	exprStartDepth int
	inFormatSpec   bool
	debug          bool
	exprStart      int // index just after the '{' of the current field
	exprEnd        int // index where the field's expression ends; -1 before
}

type scanner struct {
	src []byte
	pos int // the cursor: index of the next character

	lineStart int // index of the current line's first character
	// bufStart is where CPython's tokenizer buffer starts: the current
	// line, or the first line of a token that goes on over several lines.
	bufStart int
	inp      int // index just past the current line's newline
	lineno   int

	// start of the token being read
	start        int
	firstLineno  int
	multiLineSrt int

	atbol     bool
	contLine  bool
	indstack  []int
	altstack  []int
	pendin    int
	level     int
	parenChar []byte
	parenLine []int
	parenCol  []int

	modes []fmode

	done int
	// checkUTF8 says each line must be valid UTF-8 (the source was not
	// declared Latin-1).
	checkUTF8 bool
	// err is the error raised by the tokenizer, if any.
	err *Error
	// onError builds errors; it is the parser's.
	p *parser
}

func newScanner(src []byte, p *parser) *scanner {
	s := &scanner{
		src:      src,
		atbol:    true,
		start:    -1,
		indstack: make([]int, 1, 16),
		altstack: make([]int, 1, 16),
		modes:    make([]fmode, 1, 4),
		p:        p,
	}
	s.modes[0].kind = modeRegular
	s.modes[0].exprStartDepth = -1
	return s
}

// nextc returns the next character (a byte) and advances, or eofChar.
func (s *scanner) nextc() int {
	if s.pos < s.inp {
		c := s.src[s.pos]
		s.pos++
		return int(c)
	}
	if s.done == errEOF || s.err != nil {
		return eofChar
	}
	if s.pos >= len(s.src) {
		s.done = errEOF
		return eofChar
	}
	// Read the next line.
	s.lineStart = s.pos
	if s.start < 0 {
		s.bufStart = s.pos
	}
	s.lineno++
	end := s.pos
	for end < len(s.src) && s.src[end] != '\n' {
		end++
	}
	if end < len(s.src) {
		end++
	}
	if s.checkUTF8 {
		if bad, ok := firstNonUTF8(s.src[s.pos:end]); !ok {
			s.err = &Error{Kind: KindSyntaxError, Line: s.lineno, EndLine: s.lineno, noPos: true,
				Msg: "Non-UTF-8 code starting with '\\x" + hex2(bad) + "' in file " + s.p.filename + " on line " + itoa(s.lineno) +
					", but no encoding declared; see https://peps.python.org/pep-0263/ for details"}
			s.done = errRaised
			s.pos = s.inp
			return eofChar
		}
	}
	s.inp = end
	c := s.src[s.pos]
	s.pos++
	return int(c)
}

// backup steps back over c, which nextc returned.
func (s *scanner) backup(c int) {
	if c != eofChar {
		s.pos--
	}
}

func (s *scanner) mode() *fmode { return &s.modes[len(s.modes)-1] }

func (s *scanner) insideFString() bool { return len(s.modes) > 1 }

// col is the cursor's column on the current line, in bytes.
func (s *scanner) col() int { return s.pos - s.lineStart }

// make finishes a token spanning src[start:end] (both indexes; start < 0
// for tokens without a position).
func (s *scanner) make(kind tokKind, o op, start, end int) token {
	t := token{kind: kind, op: o, level: s.level}
	if kind == tString || kind == tFStringMiddle {
		t.line = s.firstLineno
	} else {
		t.line = s.lineno
	}
	t.endLine = s.lineno
	t.col, t.endC = -1, -1
	if start >= 0 {
		ls := s.lineStart
		if kind == tString || kind == tFStringMiddle {
			ls = s.multiLineSrt
		}
		if start >= ls {
			t.col = start - ls
		}
		// CPython's end column is the cursor's column, which is past end
		// for a NEWLINE and for a literal part ending in "{{" or "}}".
		t.endC = s.pos - s.lineStart
		t.text = string(s.src[start:end])
	}
	return t
}

// errorTok raises a tokenizer error with CPython's syntaxerror(): the
// position is the cursor's, counted in characters.
func (s *scanner) syntaxError(msg string) token {
	s.raiseAtCursor(msg, -1, -1)
	return token{kind: tError}
}

// raiseAtCursor is CPython's _syntaxerror_range: col and endCol are
// 1-based and already final when not -1; -1 means the cursor's position in
// characters.
func (s *scanner) raiseAtCursor(msg string, col, endCol int) {
	if s.done == errRaised || s.err != nil {
		return
	}
	if col == -1 {
		col = charCount(s.src[s.lineStart:s.pos])
	}
	if endCol == -1 {
		endCol = col
	}
	s.err = &Error{
		Kind:      KindSyntaxError,
		Line:      s.lineno,
		Offset:    col,
		EndLine:   s.lineno,
		EndOffset: endCol,
		Msg:       msg,
	}
	s.done = errRaised
}

func isPotentialIdentStart(c int) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128
}

func isPotentialIdentChar(c int) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 128
}

func isDigit(c int) bool  { return c >= '0' && c <= '9' }
func isXDigit(c int) bool { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') }

// next returns the next token. A token of kind tError means the tokenizer
// failed; s.done and s.err say how.
func (s *scanner) next() token {
	if s.err != nil {
		return token{kind: tError}
	}
	if s.mode().kind == modeRegular {
		return s.nextRegular()
	}
	return s.nextFString()
}

func (s *scanner) continuationLine() int {
	c := s.nextc()
	if c != '\n' {
		s.done = errLineCont
		return -1
	}
	c = s.nextc()
	if c == eofChar {
		s.done = errEOF
		s.pos = s.inp
		return -1
	}
	s.backup(c)
	return c
}

func (s *scanner) indentError() token {
	s.done = errTabSpace
	s.pos = s.inp
	return s.make(tError, opNone, -1, -1)
}

func (s *scanner) nextRegular() token {
	cur := s.mode()
	blankline := false
nextline:
	s.start = -1
	blankline = false
	if s.atbol {
		col, altcol, contCol := 0, 0, 0
		s.atbol = false
		var c int
		for {
			c = s.nextc()
			if c == ' ' {
				col++
				altcol++
			} else if c == '\t' {
				col = (col/tabSize + 1) * tabSize
				altcol = altcol + 1
			} else if c == '\f' {
				col, altcol = 0, 0
			} else if c == '\\' {
				if contCol == 0 {
					contCol = col
				}
				if c = s.continuationLine(); c == -1 {
					return s.make(tError, opNone, -1, -1)
				}
			} else {
				break
			}
		}
		s.backup(c)
		if c == '#' || c == '\n' || c == '\r' {
			blankline = true
		}
		if !blankline && s.level == 0 {
			if contCol != 0 {
				col, altcol = contCol, contCol
			}
			top := len(s.indstack) - 1
			if col == s.indstack[top] {
				if altcol != s.altstack[top] {
					return s.indentError()
				}
			} else if col > s.indstack[top] {
				if top+1 >= maxIndent {
					s.done = errTooDeep
					s.pos = s.inp
					return s.make(tError, opNone, -1, -1)
				}
				if altcol <= s.altstack[top] {
					return s.indentError()
				}
				s.pendin++
				s.indstack = append(s.indstack, col)
				s.altstack = append(s.altstack, altcol)
			} else {
				for len(s.indstack) > 1 && col < s.indstack[len(s.indstack)-1] {
					s.pendin--
					s.indstack = s.indstack[:len(s.indstack)-1]
					s.altstack = s.altstack[:len(s.altstack)-1]
				}
				top = len(s.indstack) - 1
				if col != s.indstack[top] {
					s.done = errDedent
					s.pos = s.inp
					return s.make(tError, opNone, -1, -1)
				}
				if altcol != s.altstack[top] {
					return s.indentError()
				}
			}
		}
	}

	s.start = s.pos
	if s.pendin != 0 {
		if s.pendin < 0 {
			s.pendin++
			return s.make(tDedent, opNone, -1, -1)
		}
		s.pendin--
		return s.make(tIndent, opNone, -1, -1)
	}

again:
	s.start = -1
	var c int
	for {
		c = s.nextc()
		if c != ' ' && c != '\t' && c != '\f' {
			break
		}
	}
	s.start = s.pos - 1
	if c == eofChar {
		s.start = s.pos
	}

	if c == '#' {
		for c != eofChar && c != '\n' {
			c = s.nextc()
		}
	}

	if c == eofChar {
		if s.level > 0 {
			return s.make(tError, opNone, -1, -1)
		}
		if s.done == errEOF {
			return s.make(tEndmarker, opNone, -1, -1)
		}
		return s.make(tError, opNone, -1, -1)
	}

	// Identifier, or a string prefix.
	if isPotentialIdentStart(c) {
		sawB, sawR, sawU, sawF := false, false, false, false
		for {
			if !(sawB || sawU || sawF) && (c == 'b' || c == 'B') {
				sawB = true
			} else if !(sawB || sawU || sawR || sawF) && (c == 'u' || c == 'U') {
				sawU = true
			} else if !(sawR || sawU) && (c == 'r' || c == 'R') {
				sawR = true
			} else if !(sawF || sawB || sawU) && (c == 'f' || c == 'F') {
				sawF = true
			} else {
				break
			}
			c = s.nextc()
			if c == '"' || c == '\'' {
				if sawF {
					return s.fstringStart(c)
				}
				return s.stringLiteral(c)
			}
		}
		nonASCII := false
		for isPotentialIdentChar(c) {
			if c >= 128 {
				nonASCII = true
			}
			c = s.nextc()
		}
		s.backup(c)
		if nonASCII && !s.verifyIdentifier() {
			return token{kind: tError}
		}
		t := s.make(tName, opNone, s.start, s.pos)
		if kw, ok := keywords[t.text]; ok {
			t.op = kw
		}
		return t
	}

	if c == '\r' {
		c = s.nextc()
	}

	if c == '\n' {
		s.atbol = true
		if blankline || s.level > 0 {
			goto nextline
		}
		t := s.make(tNewline, opNone, s.start, s.pos)
		s.contLine = false
		return t
	}

	if c == '.' {
		c = s.nextc()
		if isDigit(c) {
			return s.number(c, true)
		} else if c == '.' {
			c = s.nextc()
			if c == '.' {
				return s.make(tOp, opEllipsis, s.start, s.pos)
			}
			s.backup(c)
			s.backup('.')
		} else {
			s.backup(c)
		}
		return s.make(tOp, opDot, s.start, s.pos)
	}

	if isDigit(c) {
		return s.number(c, false)
	}

	if c == '\'' || c == '"' {
		return s.stringLiteral(c)
	}

	if c == '\\' {
		if c = s.continuationLine(); c == -1 {
			return s.make(tError, opNone, -1, -1)
		}
		s.contLine = true
		goto again
	}

	// f-string expression punctuation
	if (c == ':' || c == '}' || c == '!' || c == '{') && s.insideFString() && cur.exprStartDepth >= 0 {
		cursor := cur.curlyDepth
		if c != '{' {
			cursor--
		}
		if cursor == 0 {
			if c == '{' {
				cur.exprStart = s.pos
				cur.exprEnd = -1
			} else if cur.exprEnd == -1 {
				cur.exprEnd = s.start
			}
		}
		if c == ':' && cursor == cur.exprStartDepth {
			cur.kind = modeFString
			cur.inFormatSpec = true
			t := s.make(tOp, opColon, s.start, s.pos)
			s.setMeta(&t, cursor)
			return t
		}
	}

	// Two- and three-character operators.
	{
		c2 := s.nextc()
		if c2 >= 0 && c < 128 {
			if o := twoCharOp(byte(c), byte(c2)); o != opNone {
				c3 := s.nextc()
				if c3 >= 0 {
					if o3 := threeCharOp(byte(c), byte(c2), byte(c3)); o3 != opNone {
						o = o3
					} else {
						s.backup(c3)
					}
				}
				t := s.make(tOp, o, s.start, s.pos)
				if c == '!' && s.insideFString() {
					s.setMeta(&t, cur.curlyDepth-1)
				}
				return t
			}
		}
		s.backup(c2)
	}

	// Bracket nesting.
	switch c {
	case '(', '[', '{':
		if s.level >= maxLevel {
			return s.syntaxError("too many nested parentheses")
		}
		s.parenChar = append(s.parenChar, byte(c))
		s.parenLine = append(s.parenLine, s.lineno)
		s.parenCol = append(s.parenCol, s.start-s.lineStart)
		s.level++
		if s.insideFString() {
			cur.curlyDepth++
		}
	case ')', ']', '}':
		if s.insideFString() && cur.curlyDepth == 0 && c == '}' {
			return s.syntaxError("f-string: single '}' is not allowed")
		}
		if s.level == 0 {
			return s.syntaxError("unmatched '" + string(rune(c)) + "'")
		}
		s.level--
		opening := s.parenChar[s.level]
		openLine := s.parenLine[s.level]
		s.parenChar = s.parenChar[:s.level]
		s.parenLine = s.parenLine[:s.level]
		s.parenCol = s.parenCol[:s.level]
		if !((opening == '(' && c == ')') || (opening == '[' && c == ']') || (opening == '{' && c == '}')) {
			if s.insideFString() && opening == '{' {
				if cur.curlyDepth-1 == cur.exprStartDepth {
					return s.syntaxError("f-string: unmatched '" + string(rune(c)) + "'")
				}
			}
			if openLine != s.lineno {
				return s.syntaxError("closing parenthesis '" + string(rune(c)) +
					"' does not match opening parenthesis '" + string(rune(opening)) +
					"' on line " + itoa(openLine))
			}
			return s.syntaxError("closing parenthesis '" + string(rune(c)) +
				"' does not match opening parenthesis '" + string(rune(opening)) + "'")
		}
		if s.insideFString() {
			cur.curlyDepth--
			if c == '}' && cur.curlyDepth == cur.exprStartDepth {
				cur.exprStartDepth--
				cur.kind = modeFString
				t := s.make(tOp, opRbrace, s.start, s.pos)
				s.setMeta(&t, cur.curlyDepth)
				cur.debug = false
				return t
			}
		}
	}

	if c < 128 && !isPrintableASCII(c) {
		return s.syntaxError("invalid non-printable character U+" + hex4(rune(c)))
	}

	if c == '=' && s.insideFString() && cur.exprStartDepth >= 0 {
		cur.debug = true
	}

	var o op
	if c < 128 {
		o = oneCharOps[c]
	}
	t := s.make(tOp, o, s.start, s.pos)
	if c == '!' && s.insideFString() {
		s.setMeta(&t, cur.curlyDepth-1)
	}
	return t
}

// setMeta attaches the f-string field's expression text to t, which ends
// the expression, when the field uses the "=" specifier; cursor is the
// bracket depth relative to the field.
func (s *scanner) setMeta(t *token, cursor int) {
	cur := s.mode()
	if cursor != 0 || !cur.debug || cur.exprEnd < 0 {
		return
	}
	text := s.src[cur.exprStart:cur.exprEnd]
	if hasByte(text, '#') {
		// Comments are left out of the expression text.
		out := make([]byte, 0, len(text))
		for i := 0; i < len(text); i++ {
			if text[i] == '#' {
				for i < len(text) && text[i] != '\n' {
					i++
				}
				if i < len(text) {
					out = append(out, '\n')
				}
				continue
			}
			out = append(out, text[i])
		}
		text = out
	}
	t.meta = string(text)
	t.hasMeta = true
}

func hasByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

func isPrintableASCII(c int) bool { return c >= 0x20 && c < 0x7f }

// verifyIdentifier checks a name with non-ASCII characters, as CPython's
// verify_identifier does, and raises the error for its first bad
// character.
func (s *scanner) verifyIdentifier() bool {
	b := s.src[s.start:s.pos]
	if !validUTF8(b) {
		s.raiseDecodeError()
		return false
	}
	i, n := 0, 0
	for i < len(b) {
		r, size := decodeRune(b[i:])
		ok := false
		if n == 0 {
			ok = r == '_' || isXIDStart(r)
		} else {
			ok = isXIDContinue(r)
		}
		if !ok {
			if i+size < len(b) {
				s.pos = s.start + i + size
			}
			if isPrintable(r) {
				s.raiseAtCursor("invalid character '"+string(r)+"' (U+"+hex4(r)+")", -1, -1)
			} else {
				s.raiseAtCursor("invalid non-printable character U+"+hex4(r), -1, -1)
			}
			return false
		}
		i += size
		n++
	}
	return true
}

func (s *scanner) raiseDecodeError() {
	// Input is checked for UTF-8 before scanning; this is a safety net.
	s.raiseAtCursor("invalid UTF-8 in source", -1, -1)
}

func (s *scanner) decimalTail() int {
	var c int
	for {
		for {
			c = s.nextc()
			if !isDigit(c) {
				break
			}
		}
		if c != '_' {
			break
		}
		c = s.nextc()
		if !isDigit(c) {
			s.backup(c)
			s.syntaxError("invalid decimal literal")
			return 0
		}
	}
	return c
}

func (s *scanner) lookahead(test string) bool {
	n := 0
	res := false
	for {
		c := s.nextc()
		if n == len(test) {
			res = !isPotentialIdentChar(c)
			s.backup(c)
			break
		}
		if c != int(test[n]) {
			s.backup(c)
			break
		}
		n++
	}
	for n > 0 {
		n--
		s.backup(int(test[n]))
	}
	return res
}

// verifyEndOfNumber is CPython's verify_end_of_number. Where CPython warns
// (a keyword right after a number), rwgil accepts silently.
func (s *scanner) verifyEndOfNumber(c int, kind string) bool {
	r := false
	switch c {
	case 'a':
		r = s.lookahead("nd")
	case 'e':
		r = s.lookahead("lse")
	case 'f':
		r = s.lookahead("or")
	case 'i':
		c2 := s.nextc()
		if c2 == 'f' || c2 == 'n' || c2 == 's' {
			r = true
		}
		s.backup(c2)
	case 'o':
		r = s.lookahead("r")
	case 'n':
		r = s.lookahead("ot")
	}
	if r {
		return true
	}
	if c >= 0 && c < 128 && isPotentialIdentChar(c) {
		s.backup(c)
		s.syntaxError("invalid " + kind + " literal")
		return false
	}
	return true
}

func (s *scanner) number(c int, afterDot bool) token {
	errTok := token{kind: tError}
	if afterDot {
		goto fraction
	}
	if c == '0' {
		c = s.nextc()
		if c == 'x' || c == 'X' {
			c = s.nextc()
			for {
				if c == '_' {
					c = s.nextc()
				}
				if !isXDigit(c) {
					s.backup(c)
					return s.syntaxError("invalid hexadecimal literal")
				}
				for {
					c = s.nextc()
					if !isXDigit(c) {
						break
					}
				}
				if c != '_' {
					break
				}
			}
			if !s.verifyEndOfNumber(c, "hexadecimal") {
				return errTok
			}
		} else if c == 'o' || c == 'O' {
			c = s.nextc()
			for {
				if c == '_' {
					c = s.nextc()
				}
				if c < '0' || c >= '8' {
					if isDigit(c) {
						return s.syntaxError("invalid digit '" + string(rune(c)) + "' in octal literal")
					}
					s.backup(c)
					return s.syntaxError("invalid octal literal")
				}
				for {
					c = s.nextc()
					if !('0' <= c && c < '8') {
						break
					}
				}
				if c != '_' {
					break
				}
			}
			if isDigit(c) {
				return s.syntaxError("invalid digit '" + string(rune(c)) + "' in octal literal")
			}
			if !s.verifyEndOfNumber(c, "octal") {
				return errTok
			}
		} else if c == 'b' || c == 'B' {
			c = s.nextc()
			for {
				if c == '_' {
					c = s.nextc()
				}
				if c != '0' && c != '1' {
					if isDigit(c) {
						return s.syntaxError("invalid digit '" + string(rune(c)) + "' in binary literal")
					}
					s.backup(c)
					return s.syntaxError("invalid binary literal")
				}
				for {
					c = s.nextc()
					if c != '0' && c != '1' {
						break
					}
				}
				if c != '_' {
					break
				}
			}
			if isDigit(c) {
				return s.syntaxError("invalid digit '" + string(rune(c)) + "' in binary literal")
			}
			if !s.verifyEndOfNumber(c, "binary") {
				return errTok
			}
		} else {
			nonzero := false
			for {
				if c == '_' {
					c = s.nextc()
					if !isDigit(c) {
						s.backup(c)
						return s.syntaxError("invalid decimal literal")
					}
				}
				if c != '0' {
					break
				}
				c = s.nextc()
			}
			zerosEnd := s.pos
			if isDigit(c) {
				nonzero = true
				c = s.decimalTail()
				if c == 0 {
					return errTok
				}
			}
			if c == '.' {
				c = s.nextc()
				goto fraction
			} else if c == 'e' || c == 'E' {
				goto exponent
			} else if c == 'j' || c == 'J' {
				goto imaginary
			} else if nonzero {
				s.backup(c)
				s.raiseAtCursor("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
					s.start+1-s.lineStart, zerosEnd-s.lineStart)
				return errTok
			}
			if !s.verifyEndOfNumber(c, "decimal") {
				return errTok
			}
		}
		goto done
	}
	// Decimal
	c = s.decimalTail()
	if c == 0 {
		return errTok
	}
	if c == '.' {
		c = s.nextc()
		goto fraction
	}
	goto afterFraction
fraction:
	if isDigit(c) {
		c = s.decimalTail()
		if c == 0 {
			return errTok
		}
	}
afterFraction:
	if c == 'e' || c == 'E' {
		goto exponent
	}
	if c == 'j' || c == 'J' {
		goto imaginary
	}
	if !s.verifyEndOfNumber(c, "decimal") {
		return errTok
	}
	goto done
exponent:
	{
		e := c
		c = s.nextc()
		if c == '+' || c == '-' {
			c = s.nextc()
			if !isDigit(c) {
				s.backup(c)
				return s.syntaxError("invalid decimal literal")
			}
		} else if !isDigit(c) {
			s.backup(c)
			if !s.verifyEndOfNumber(e, "decimal") {
				return errTok
			}
			s.backup(e)
			return s.make(tNumber, opNone, s.start, s.pos)
		}
		c = s.decimalTail()
		if c == 0 {
			return errTok
		}
		if c == 'j' || c == 'J' {
			goto imaginary
		}
		if !s.verifyEndOfNumber(c, "decimal") {
			return errTok
		}
		goto done
	}
imaginary:
	c = s.nextc()
	if !s.verifyEndOfNumber(c, "imaginary") {
		return errTok
	}
done:
	s.backup(c)
	return s.make(tNumber, opNone, s.start, s.pos)
}

func (s *scanner) stringLiteral(quote int) token {
	quoteSize := 1
	endQuoteSize := 0
	s.firstLineno = s.lineno
	s.multiLineSrt = s.lineStart
	c := s.nextc()
	if c == quote {
		c = s.nextc()
		if c == quote {
			quoteSize = 3
		} else {
			endQuoteSize = 1
		}
	}
	if c != quote {
		s.backup(c)
	}
	for endQuoteSize != quoteSize {
		c = s.nextc()
		if c == eofChar || (quoteSize == 1 && c == '\n') {
			s.pos = s.start + 1
			s.lineStart = s.multiLineSrt
			detected := s.lineno
			s.lineno = s.firstLineno
			if s.insideFString() {
				m := s.mode()
				if int(m.quote) == quote && m.quoteSize == quoteSize {
					return s.syntaxError("f-string: expecting '}'")
				}
			}
			if quoteSize == 3 {
				return s.syntaxError("unterminated triple-quoted string literal (detected at line " + itoa(detected) + ")")
			}
			return s.syntaxError("unterminated string literal (detected at line " + itoa(detected) + ")")
		}
		if c == quote {
			endQuoteSize++
		} else {
			endQuoteSize = 0
			if c == '\\' {
				s.nextc()
			}
		}
	}
	return s.make(tString, opNone, s.start, s.pos)
}

func (s *scanner) fstringStart(quote int) token {
	quoteSize := 1
	s.firstLineno = s.lineno
	s.multiLineSrt = s.lineStart
	after := s.nextc()
	if after == quote {
		afterAfter := s.nextc()
		if afterAfter == quote {
			quoteSize = 3
		} else {
			s.backup(afterAfter)
			s.backup(after)
		}
	}
	if after != quote {
		s.backup(after)
	}
	if len(s.modes) >= maxFStrLevel {
		return s.syntaxError("too many nested f-strings")
	}
	t := s.make(tFStringStart, opNone, s.start, s.pos)
	m := fmode{
		kind:           modeFString,
		quote:          byte(quote),
		quoteSize:      quoteSize,
		start:          s.start,
		multiLineStart: s.lineStart,
		lineStart:      s.lineno,
		exprStartDepth: -1,
		exprEnd:        -1,
	}
	switch s.src[s.start] {
	case 'f', 'F':
		n := s.src[s.start+1]
		m.raw = n == 'r' || n == 'R'
	default:
		m.raw = true
	}
	s.modes = append(s.modes, m)
	return t
}

func (s *scanner) nextFString() token {
	cur := s.mode()
	s.start = s.pos
	s.firstLineno = s.lineno
	s.multiLineSrt = s.lineStart

	startChar := s.nextc()
	if startChar == '{' {
		peek := s.nextc()
		s.backup(peek)
		s.backup(startChar)
		if peek != '{' {
			cur.exprStartDepth++
			if cur.exprStartDepth >= maxExprNest {
				return s.syntaxError("f-string: expressions nested too deeply")
			}
			cur.kind = modeRegular
			return s.nextRegular()
		}
	} else {
		s.backup(startChar)
	}

	// The end of the f-string?
	atEnd := true
	for i := 0; i < cur.quoteSize; i++ {
		q := s.nextc()
		if q != int(cur.quote) {
			s.backup(q)
			// back up the quotes read so far
			for j := 0; j < i; j++ {
				s.backup(int(cur.quote))
			}
			atEnd = false
			break
		}
	}
	if atEnd {
		t := s.make(tFStringEnd, opNone, s.start, s.pos)
		s.modes = s.modes[:len(s.modes)-1]
		return t
	}

	s.multiLineSrt = s.lineStart
	endQuoteSize := 0
	unicodeEscape := false
	for endQuoteSize != cur.quoteSize {
		c := s.nextc()
		inFormatSpec := cur.inFormatSpec && cur.exprStartDepth >= 0
		if c == eofChar || (cur.quoteSize == 1 && c == '\n') {
			if inFormatSpec && c == '\n' {
				s.backup(c)
				cur.kind = modeRegular
				return s.make(tFStringMiddle, opNone, s.start, s.pos)
			}
			s.pos = cur.start + 1
			s.lineStart = cur.multiLineStart
			detected := s.lineno
			s.lineno = cur.lineStart
			if cur.quoteSize == 3 {
				return s.syntaxError("unterminated triple-quoted f-string literal (detected at line " + itoa(detected) + ")")
			}
			return s.syntaxError("unterminated f-string literal (detected at line " + itoa(detected) + ")")
		}
		if c == int(cur.quote) {
			endQuoteSize++
			continue
		}
		endQuoteSize = 0
		if c == '{' {
			peek := s.nextc()
			if peek != '{' || inFormatSpec {
				s.backup(peek)
				s.backup(c)
				cur.exprStartDepth++
				if cur.exprStartDepth >= maxExprNest {
					return s.syntaxError("f-string: expressions nested too deeply")
				}
				cur.kind = modeRegular
				return s.make(tFStringMiddle, opNone, s.start, s.pos)
			}
			return s.make(tFStringMiddle, opNone, s.start, s.pos-1)
		} else if c == '}' {
			if unicodeEscape {
				return s.make(tFStringMiddle, opNone, s.start, s.pos)
			}
			peek := s.nextc()
			if peek == '}' && !inFormatSpec {
				return s.make(tFStringMiddle, opNone, s.start, s.pos-1)
			}
			s.backup(peek)
			s.backup(c)
			cur.kind = modeRegular
			return s.make(tFStringMiddle, opNone, s.start, s.pos)
		} else if c == '\\' {
			peek := s.nextc()
			if peek == '{' || peek == '}' {
				s.backup(peek)
				continue
			}
			if !cur.raw && peek == 'N' {
				peek = s.nextc()
				if peek == '{' {
					unicodeEscape = true
				} else {
					s.backup(peek)
				}
			}
		}
	}
	for i := 0; i < cur.quoteSize; i++ {
		s.backup(int(cur.quote))
	}
	return s.make(tFStringMiddle, opNone, s.start, s.pos)
}
