package syntax

import "strings"

// The parser is a hand-written recursive-descent parser that follows
// CPython 3.12's PEG grammar (Grammar/python.gram) rule for rule: ordered
// alternatives with backtracking, the same rules memoized, left-recursive
// rules as loops. It runs in two passes as CPython's does. The first pass
// uses only the rules of the language; if it fails, the second pass runs
// again from the start with the invalid_* rules enabled, which recognize
// common mistakes and raise their specific messages. If neither pass names
// the mistake, the error is "invalid syntax" at the last token the first
// pass looked at. Because CPython's messages and positions depend on how
// far its parser looked ahead, the order of alternatives and lookaheads is
// kept as in the grammar.

// maxStack bounds the parser's recursion, as CPython's MAXSTACK does.
const maxStack = 6000

// memoEntry is one memoized result; the entries of a token are chained
// through next (indexes into parser.memoPool, 0 ending the chain).
type memoEntry struct {
	node any
	end  int32
	next int32
	rule memoRule
}

type memoRule uint8

const (
	mSimpleStmt memoRule = iota
	mBlock
	mExpression
	mStarExpression
	mDisjunction
	mConjunction
	mInversion
	mFactor
	mAwaitPrimary
	mArguments
	mStarTarget
	mTargetWithStarAtom
	mDelTarget
	mClosedPattern
	mStarPattern
	mStrings
	mInvalidNamedExpression
	mTypeParam
	mBitwiseOr
	mBitwiseXor
	mBitwiseAnd
	mShiftExpr
	mSum
	mTerm
	mPrimary
	mTPrimary
	mDottedName
	mAttr
)

// failed marks a memoized failure.
type failed struct{}

// bailout carries an *Error up the parser's stack (CPython sets its
// error_indicator and returns NULL from every rule; a panic does the same).
type bailout struct{ err *Error }

type parser struct {
	filename string
	src      []byte
	// fileMode: the source is a file CPython runs, not text given to
	// compile() (ParseFile).
	fileMode bool
	lines    []int // index of each line's first byte; lines[0] is line 1
	sc       *scanner
	toks     []token
	memo     []int32 // per token, the first of its memoEntry chain
	memoPool memoPool
	// memoScratch is trimMemo's buffer.
	memoScratch []memoEntry
	mark        int
	invalid     bool // call the invalid_* rules (the second pass)
	// addedNL says the source did not end in a newline (one was added).
	addedNL bool
	// bom says the source started with a UTF-8 byte order mark.
	bom   bool
	level int
	// fromTokenizer says the pending error came from the tokenizer.
	fromTokenizer bool
}

func (p *parser) fail(e *Error) {
	panic(bailout{e})
}

// fill reads one more token.
func (p *parser) fill() {
	t := p.sc.next()
	p.toks = append(p.toks, t)
	p.memo = append(p.memo, 0)
	if t.kind == tError {
		p.tokenizerError()
	}
}

// tok returns the token at the mark, reading it if need be.
func (p *parser) tok() *token {
	if p.mark == len(p.toks) {
		p.fill()
	}
	return &p.toks[p.mark]
}

// expect consumes the operator or keyword o.
func (p *parser) expect(o op) *token {
	t := p.tok()
	if t.op == o && (t.kind == tOp || t.kind == tName) {
		p.mark++
		return t
	}
	return nil
}

// peek says whether the next token is the operator or keyword o.
func (p *parser) peek(o op) bool {
	t := p.tok()
	return t.op == o && (t.kind == tOp || t.kind == tName)
}

func (p *parser) expectKind(k tokKind) *token {
	t := p.tok()
	if t.kind == k {
		p.mark++
		return t
	}
	return nil
}

func (p *parser) peekKind(k tokKind) bool { return p.tok().kind == k }

// name consumes a NAME that is not a keyword.
func (p *parser) nameTok() *token {
	t := p.tok()
	if t.kind == tName && t.op == opNone {
		p.mark++
		return t
	}
	return nil
}

func (p *parser) peekName() bool {
	t := p.tok()
	return t.kind == tName && t.op == opNone
}

// soft consumes the soft keyword kw ("match", "case", "_", "type").
func (p *parser) soft(kw string) *token {
	t := p.tok()
	if t.kind == tName && t.op == opNone && t.text == kw {
		p.mark++
		return t
	}
	return nil
}

// isSoftKeywordPrefix says s is a prefix of a soft keyword, which is what
// CPython's _PyPegen_soft_keyword_token checks (with strncmp).
func isSoftKeywordPrefix(s string) bool {
	for _, kw := range []string{"_", "case", "match", "type"} {
		if strings.HasPrefix(kw, s) {
			return true
		}
	}
	return false
}

func (p *parser) enter() {
	p.level++
	if p.level > maxStack {
		t := p.tok()
		line, col := t.line, t.col
		if col < 0 {
			col = 0
		}
		p.fail(p.newError(KindMemoryError, line, col+1, line, col+1,
			"Parser stack overflowed - Python source too complex to parse"))
	}
}

func (p *parser) leave() { p.level-- }

// memoGet returns the memoized result of rule at the mark, and moves the
// mark past it.
func (p *parser) memoGet(rule memoRule) (any, bool) {
	if p.mark == len(p.toks) {
		p.fill()
	}
	for i := p.memo[p.mark]; i != 0; {
		m := p.memoPool.at(i)
		if m.rule == rule {
			p.mark = int(m.end)
			return m.node, true
		}
		i = m.next
	}
	return nil, false
}

func (p *parser) memoSet(rule memoRule, start int, node any) {
	for i := p.memo[start]; i != 0; {
		m := p.memoPool.at(i)
		if m.rule == rule {
			m.node, m.end = node, int32(p.mark)
			return
		}
		i = m.next
	}
	p.memo[start] = p.memoPool.add(memoEntry{rule: rule, node: node, end: int32(p.mark), next: p.memo[start]})
}

// memoPool holds the memo entries in fixed-size blocks, so that growing it
// never copies (one big statement makes hundreds of thousands of
// entries). Index 0 is never used: it ends a chain.
type memoPool struct {
	blocks [][]memoEntry
	n      int32
}

const memoBlock = 1 << 12

func (m *memoPool) at(i int32) *memoEntry { return &m.blocks[i/memoBlock][i%memoBlock] }

func (m *memoPool) add(e memoEntry) int32 {
	if m.n == 0 {
		m.n = 1
	}
	if int(m.n/memoBlock) == len(m.blocks) {
		m.blocks = append(m.blocks, make([]memoEntry, memoBlock))
	}
	i := m.n
	*m.at(i) = e
	m.n++
	return i
}

// reset empties the pool, keeping (cleared) its first block.
func (m *memoPool) reset() {
	if len(m.blocks) > 0 {
		clear(m.blocks[0])
		m.blocks = m.blocks[:1]
	}
	m.n = 1
}

// trimMemo drops the memo entries of the tokens before the mark, keeping
// those of the tokens from the mark on (lookahead may have made some).
func (p *parser) trimMemo() {
	if p.memoPool.n < memoBlock {
		return
	}
	for i := 0; i < p.mark && i < len(p.memo); i++ {
		p.memo[i] = 0
	}
	kept := p.memoScratch[:0]
	for t := p.mark; t < len(p.memo); t++ {
		for j := p.memo[t]; j != 0; {
			e := *p.memoPool.at(j)
			j = e.next
			e.next = int32(t) // the token, for relinking below
			kept = append(kept, e)
		}
		p.memo[t] = 0
	}
	p.memoPool.reset()
	for _, e := range kept {
		t := e.next
		e.next = p.memo[t]
		p.memo[t] = p.memoPool.add(e)
	}
	clear(kept)
	p.memoScratch = kept[:0]
}

// start returns the position of the token at the mark (CPython's EXTRA
// start), reading it if need be.
func (p *parser) start() (int, int) {
	t := p.tok()
	return t.line, t.col
}

// end returns the end of the last token before the mark that is not a
// NEWLINE, INDENT, DEDENT or ENDMARKER (CPython's EXTRA end).
func (p *parser) end() (int, int) {
	for m := p.mark - 1; m >= 0; m-- {
		t := &p.toks[m]
		if t.kind != tEndmarker && t.kind != tNewline && t.kind != tIndent && t.kind != tDedent {
			return t.endLine, t.endC
		}
		if m == 0 {
			return t.endLine, t.endC
		}
	}
	return 1, 0
}

// pos returns the span from (line, col) to the end of the last token.
func (p *parser) pos(line, col int) Pos {
	el, ec := p.end()
	return Pos{line, col, el, ec}
}

func tokPos(t *token) Pos { return Pos{t.line, t.col, t.endLine, t.endC} }

// ------------------------------------------------------------- errors

// lineText returns line n of the source (1-based) without its newline,
// and whether it had one.
func (p *parser) lineText(n int) (string, bool) {
	if n < 1 || n > len(p.lines) {
		return "", false
	}
	start := p.lines[n-1]
	end := len(p.src)
	if n < len(p.lines) {
		end = p.lines[n]
	}
	text := p.src[start:end]
	nl := len(text) > 0 && text[len(text)-1] == '\n'
	if nl {
		text = text[:len(text)-1]
	}
	if n == len(p.lines) && p.addedNL {
		nl = false // the file's last line has no newline
	}
	return string(text), nl
}

// errorLine returns line n as CPython reads it back from the file for an
// error: the whole line, except that of a line of 1000 bytes or more
// CPython keeps only the last piece its 1000-byte line buffer holds.
func (p *parser) errorLine(n int) (string, bool) {
	text, nl := p.lineText(n)
	if n == 1 && p.bom {
		// CPython reads the line back with its byte order mark.
		text = "\ufeff" + text
	}
	size := len(text)
	if nl {
		size++
	}
	if size > 999 {
		last := (size - 1) / 999 * 999
		text = strings.ToValidUTF8(text[last:], "\uFFFD")
	}
	return text, nl
}

// byteToChar is CPython's _PyPegen_byte_offset_to_character_offset: the
// number of characters in the first col bytes of line n.
func (p *parser) byteToChar(n, col int) int {
	text, nl := p.errorLine(n)
	if nl {
		text += "\n"
	}
	if col > len(text)+1 {
		col = len(text) + 1
	}
	if col > len(text) {
		return charCount([]byte(text)) + (col - len(text))
	}
	if col < 0 {
		return col
	}
	return charCount([]byte(text[:col]))
}

func (p *parser) newError(kind Kind, line, offset, endLine, endOffset int, msg string) *Error {
	return &Error{Kind: kind, Line: line, Offset: offset, EndLine: endLine, EndOffset: endOffset, Msg: msg}
}

// raiseKnown is CPython's _PyPegen_raise_error_known_location: col and
// endCol are 1-based byte columns (endCol <= 0 is kept as it is).
func (p *parser) raiseKnown(kind Kind, line, col, endLine, endCol int, msg string) {
	off := p.byteToChar(line, col)
	end := endCol
	if end > 0 {
		end = p.byteToChar(line, endCol)
	}
	p.fail(p.newError(kind, line, off, endLine, end, msg))
}

// raiseRange raises msg from the start of a to the end of b.
func (p *parser) raiseRange(a, b Pos, msg string) {
	p.raiseKnown(KindSyntaxError, a.Lineno, a.ColOffset+1, b.EndLineno, b.EndColOffset+1, msg)
}

// raiseAt raises msg over the span of a.
func (p *parser) raiseAt(a Pos, msg string) { p.raiseRange(a, a, msg) }

// raiseFrom raises msg from the start of a to the tokenizer's cursor
// (CPython's RAISE_SYNTAX_ERROR_STARTING_FROM).
func (p *parser) raiseFrom(a Pos, msg string) {
	p.raiseKnown(KindSyntaxError, a.Lineno, a.ColOffset+1, p.sc.lineno, p.sc.pos-p.sc.lineStart, msg)
}

// raiseLast is CPython's _PyPegen_raise_error with use_mark 0: the error
// is at the last token read (RAISE_SYNTAX_ERROR).
func (p *parser) raiseLast(kind Kind, msg string) {
	p.raiseOnToken(kind, &p.toks[len(p.toks)-1], msg)
}

// raiseNext raises at the token at the mark (RAISE_SYNTAX_ERROR_ON_NEXT_TOKEN).
func (p *parser) raiseNext(msg string) {
	p.raiseOnToken(KindSyntaxError, p.tok(), msg)
}

func (p *parser) raiseOnToken(kind Kind, t *token, msg string) {
	var col int
	if t.col == -1 {
		// CPython's _PyPegen_raise_error: 0 when the tokenizer's cursor
		// is at the start of its buffer, which for a file it runs is the
		// case when the parser fails at the end of the file (the buffer
		// was refilled with nothing; a tokenizer error there still has
		// the last line); compile()'s buffer is the whole text.
		if p.sc.pos == p.sc.lineStart || p.fileMode && !p.fromTokenizer && p.sc.pos >= len(p.sc.src) {
			col = 0
		} else {
			col = p.sc.pos - p.sc.lineStart
		}
	} else {
		col = t.col + 1
	}
	endCol := -1
	if t.endC != -1 {
		endCol = t.endC + 1
	}
	p.raiseKnown(kind, t.line, col, t.endLine, endCol, msg)
}

// raiseUnclosed raises "'(' was never closed" for the innermost open
// bracket.
func (p *parser) raiseUnclosed() {
	s := p.sc
	line := s.parenLine[s.level-1]
	col := s.parenCol[s.level-1]
	p.raiseKnown(KindSyntaxError, line, col+1, line, 0, "'"+string(rune(s.parenChar[s.level-1]))+"' was never closed")
}

// tokenizerError turns a failed token into its error, as CPython's
// _Pypegen_tokenizer_error does.
func (p *parser) tokenizerError() {
	s := p.sc
	p.fromTokenizer = true
	if s.err != nil {
		p.fail(s.err)
	}
	switch s.done {
	case errEOF:
		if s.level > 0 {
			p.raiseUnclosed()
		}
		p.raiseLast(KindSyntaxError, "unexpected EOF while parsing")
	case errDedent:
		p.raiseLast(KindIndentationError, "unindent does not match any outer indentation level")
	case errTabSpace:
		p.raiseKnown(KindTabError, s.lineno, 1, s.lineno, 0, "inconsistent use of tabs and spaces in indentation")
	case errTooDeep:
		p.raiseKnown(KindIndentationError, s.lineno, 1, s.lineno, 0, "too many levels of indentation")
	case errLineCont:
		// CPython counts from its buffer's start, which is the start of
		// the first line of a backslash-continued line.
		col := s.pos - s.bufStart - 1
		p.raiseKnown(KindSyntaxError, s.lineno, col+1, s.lineno, 0, "unexpected character after line continuation character")
	}
	p.raiseKnown(KindSyntaxError, s.lineno, 1, s.lineno, 0, "unknown parsing error")
}

// try runs f and returns the error it bailed out with, if any.
func (p *parser) try(f func() *Module) (m *Module, err *Error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			m, err = nil, b.err
		}
	}()
	return f(), nil
}

// checkRest is CPython's _PyPegen_tokenize_full_source_to_check_for_errors:
// after a parser error, the rest of the source is tokenized, and a
// tokenizer error found there replaces the parser's error; so does a
// bracket left open on a line before the last token read.
func (p *parser) checkRest(err *Error) *Error {
	errLine := p.toks[len(p.toks)-1].line
	s := p.sc
	for {
		t := s.next()
		if t.kind == tError {
			if s.err != nil {
				if len(s.modes) <= 1 {
					return s.err
				}
				return err
			}
			if s.level != 0 && errLine > s.parenLine[s.level-1] {
				_, e := p.try(func() *Module { p.raiseUnclosed(); return nil })
				if len(s.modes) <= 1 {
					return e
				}
				return err
			}
			return err
		}
		if t.kind == tEndmarker {
			return err
		}
	}
}

// parse runs both passes and decides the error.
func (p *parser) parse() (*Module, *Error) {
	m, err := p.try(p.file)
	if err == nil && m != nil {
		return m, nil
	}
	last := len(p.toks) - 1
	if err != nil {
		if p.fromTokenizer {
			return nil, err
		}
		if p.tokOK() {
			err = p.checkRest(err)
		}
		return nil, err
	}
	// The second pass, with the invalid_* rules.
	for i := range p.memo {
		p.memo[i] = 0
	}
	p.memoPool.reset()
	p.mark = 0
	p.invalid = true
	p.level = 0
	_, err = p.try(p.file)
	if err != nil {
		if p.fromTokenizer {
			return nil, err
		}
		if p.tokOK() {
			err = p.checkRest(err)
		}
		return nil, err
	}
	lt := &p.toks[last]
	if lt.kind == tIndent || lt.kind == tDedent {
		msg := "unexpected indent"
		if lt.kind == tDedent {
			msg = "unexpected unindent"
		}
		_, err = p.try(func() *Module { p.raiseLast(KindIndentationError, msg); return nil })
		return nil, err
	}
	endCol := lt.endC + 1
	_, err = p.try(func() *Module {
		p.raiseKnown(KindSyntaxError, lt.line, lt.col+1, lt.endLine, endCol, "invalid syntax")
		return nil
	})
	if p.tokOK() {
		err = p.checkRest(err)
	}
	return nil, err
}

// tokOK says the tokenizer has neither failed nor reached the end.
func (p *parser) tokOK() bool { return p.sc.done == errNone }
