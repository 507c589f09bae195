package bytecode

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SyntaxError is a mistake in assembler text, with its position: Line and
// Col count from 1, Col in bytes. Msg says what was expected there.
type SyntaxError struct {
	// File is the file name given to Assemble.
	File string
	// Line and Col locate the mistake.
	Line, Col int
	// Msg says what was expected, and what was found instead.
	Msg string
	// Err is the *CodeError when the text parsed but the code object it
	// describes is invalid (the position is then the offending
	// instruction's, or its block header's); nil otherwise.
	Err error
}

// Error formats the error as "file:line:col: msg".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Unwrap returns Err.
func (e *SyntaxError) Unwrap() error { return e.Err }

// Assemble parses the text form of a module (see docs/bytecode.md) and
// returns its code object, validated; the function code objects are
// reachable through its constants. filename becomes every code object's
// Filename unless a func block's .filename directive says otherwise, and
// is used in error positions. Every error is a *SyntaxError.
func Assemble(filename string, src []byte) (*Code, error) {
	p := &parser{
		file:  filename,
		src:   src,
		funcs: make(map[string]*block),
		byPtr: make(map[*Code]*block),
	}
	return p.run()
}

type position struct{ line, col int }

// block is one module or func block being assembled.
type block struct {
	ref      string // the name after func; "" for the module
	code     *Code
	defined  bool
	firstRef position // where @ref first occurs, for undefined functions
	header   position
	b        *Builder
	instrPos []position
	labels   map[string]*labelInfo
	declared map[string]bool // params and locals
	cellVars map[string]bool // cells and free variables

	lineSet    bool     // a .line or .pos directive is in force
	line       int32    // its value
	pos        Position // the .pos in force; zero after a .line
	bodyBegun  bool     // an instruction, label or .line has been seen
	seen       map[string]bool
	labelOrder []string
}

type labelInfo struct {
	label    Label
	defined  bool
	def      position
	used     bool
	firstUse position
}

type parser struct {
	file  string
	src   []byte
	line  []byte // the current line, without its newline
	lnum  int    // its number, from 1
	pos   int    // byte offset in line
	cur   *block
	mod   *block
	funcs map[string]*block
	refs  []*block // functions in order of first reference or definition
	defs  []*block // func blocks in file order
	byPtr map[*Code]*block
}

func (p *parser) errAt(pos position, format string, args ...any) *SyntaxError {
	return &SyntaxError{File: p.file, Line: pos.line, Col: pos.col, Msg: fmt.Sprintf(format, args...)}
}

// errHere reports an error at byte offset off of the current line.
func (p *parser) errHere(off int, format string, args ...any) *SyntaxError {
	return p.errAt(position{p.lnum, off + 1}, format, args...)
}

func (p *parser) run() (*Code, error) {
	rest := p.src
	for {
		p.lnum++
		line, after, more := bytes.Cut(rest, []byte{'\n'})
		p.line = bytes.TrimSuffix(line, []byte{'\r'})
		p.pos = 0
		if err := p.parseLine(); err != nil {
			return nil, err
		}
		if !more {
			return p.finishFile()
		}
		rest = after
	}
}

// ---- lexical helpers ----

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

func (p *parser) skipSpace() {
	for p.pos < len(p.line) && isSpace(p.line[p.pos]) {
		p.pos++
	}
}

// atEOL reports whether only spaces and a comment remain.
func (p *parser) atEOL() bool {
	p.skipSpace()
	return p.pos >= len(p.line) || p.line[p.pos] == ';'
}

func (p *parser) expectEOL(after string) error {
	if p.atEOL() {
		return nil
	}
	return p.errHere(p.pos, "expected end of line after %s, got %s", after, p.found())
}

func (p *parser) peekRune() (rune, int) {
	if p.pos >= len(p.line) {
		return -1, 0
	}
	return utf8.DecodeRune(p.line[p.pos:])
}

func (p *parser) atWord() bool {
	r, _ := p.peekRune()
	return r != utf8.RuneError && isWordStart(r)
}

// word reads a word (see isWord) at pos; it returns "" if none starts there.
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.line) {
		r, size := utf8.DecodeRune(p.line[p.pos:])
		if r == utf8.RuneError || (p.pos == start && !isWordStart(r)) || !isWordPart(r) {
			break
		}
		p.pos += size
	}
	return string(p.line[start:p.pos])
}

// found describes what is at pos, for error messages.
func (p *parser) found() string {
	if p.pos >= len(p.line) {
		return "end of line"
	}
	c := p.line[p.pos]
	switch {
	case c == ';':
		return "a comment"
	case p.atWord():
		save := p.pos
		w := p.word()
		p.pos = save
		return quoteShort(w)
	case c == '"':
		return "a string"
	}
	r, size := p.peekRune()
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte 0x%02x", c)
	}
	return strconv.QuoteRune(r)
}

// quoteShort quotes s, cut to a readable length.
func quoteShort(s string) string {
	const limit = 40
	if len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "..."
	}
	return strconv.Quote(s)
}

// ---- lines ----

func (p *parser) parseLine() error {
	if p.atEOL() {
		return nil
	}
	start := p.pos
	if p.cur == nil {
		w := p.word()
		switch w {
		case "module":
			return p.moduleHeader(start)
		case "func":
			return p.funcHeader(start)
		}
		p.pos = start
		return p.errHere(start, "expected 'module' or 'func' to start a block, got %s", p.found())
	}
	blk := p.cur
	if p.line[p.pos] == '.' {
		p.pos++
		w := p.word()
		return p.directive(blk, "."+w, start)
	}
	if !p.atWord() {
		return p.errHere(start, "expected an instruction, a label, a directive or 'end', got %s", p.found())
	}
	w := p.word()
	afterWord := p.pos
	p.skipSpace()
	if p.pos < len(p.line) && p.line[p.pos] == ':' {
		p.pos++
		if err := p.expectEOL("label " + quoteShort(w)); err != nil {
			return err
		}
		return p.defineLabel(blk, w, position{p.lnum, start + 1})
	}
	p.pos = afterWord
	switch w {
	case "end":
		if err := p.expectEOL("'end'"); err != nil {
			return err
		}
		return p.endBlock(blk)
	case "locals", "cells", "freevars":
		return p.directive(blk, w, start)
	case "module", "func":
		return p.errHere(start, "expected 'end' to close %s (opened at line %d) before a new block", blk.describe(), blk.header.line)
	}
	return p.instruction(blk, w, start)
}

func (b *block) describe() string {
	if b.ref == "" {
		return "the module block"
	}
	return "func " + b.ref
}

// initBlock makes blk a defined block whose header is at header.
func (p *parser) initBlock(blk *block, header position) {
	blk.defined = true
	blk.header = header
	blk.b = newBuilder(blk.code)
	blk.labels = make(map[string]*labelInfo)
	blk.declared = make(map[string]bool)
	blk.cellVars = make(map[string]bool)
	blk.seen = make(map[string]bool)
	blk.code.Filename = p.file
	blk.code.FirstLine = clampLine(header.line)
	p.byPtr[blk.code] = blk
}

func clampLine(n int) int32 {
	if n > math.MaxInt32 {
		return math.MaxInt32
	}
	return int32(n)
}

func (p *parser) moduleHeader(start int) error {
	header := position{p.lnum, start + 1}
	if p.mod != nil {
		return p.errAt(header, "expected one module block, got a second (the first is at line %d)", p.mod.header.line)
	}
	blk := &block{code: &Code{Name: "<module>"}}
	p.initBlock(blk, header)
	p.skipSpace()
	if p.pos < len(p.line) && p.line[p.pos] == '(' {
		if err := p.params(blk); err != nil {
			return err
		}
	}
	if err := p.expectEOL("'module'"); err != nil {
		return err
	}
	p.mod, p.cur = blk, blk
	return nil
}

func (p *parser) funcHeader(start int) error {
	header := position{p.lnum, start + 1}
	p.skipSpace()
	namePos := p.pos
	if !p.atWord() {
		return p.errHere(p.pos, "expected a function name after 'func', got %s", p.found())
	}
	ref := p.word()
	old := p.funcs[ref]
	if old != nil && old.defined {
		return p.errHere(namePos, "duplicate function %s (first defined at line %d): expected a new name", quoteShort(ref), old.header.line)
	}
	blk := old
	if blk == nil {
		blk = &block{ref: ref, code: &Code{}}
		p.funcs[ref] = blk
		p.refs = append(p.refs, blk)
	}
	blk.code.Name = ref
	p.initBlock(blk, header)
	p.defs = append(p.defs, blk)
	p.skipSpace()
	if p.pos >= len(p.line) || p.line[p.pos] != '(' {
		return p.errHere(p.pos, "expected '(' and the parameters after the function name, got %s", p.found())
	}
	if err := p.params(blk); err != nil {
		return err
	}
	if err := p.expectEOL("the parameters"); err != nil {
		return err
	}
	p.cur = blk
	return nil
}

// params parses a parameter list at pos, written as in a Python def
// without defaults or annotations: "(a, b, /, c, *rest, k, **kw)", with a
// bare "*" before keyword-only parameters when there is no *rest.
func (p *parser) params(blk *block) error {
	open := p.pos
	p.pos++ // '('
	var positional, kwOnly []string
	posOnly := 0
	slash, star, bareStar, varArgs, varKw := false, false, false, false, false
	varKwName := ""
	p.skipSpace()
	if p.pos < len(p.line) && p.line[p.pos] == ')' {
		p.pos++
		blk.b.SetParams(false)
		return nil
	}
	declare := func(namePos int, name string) error {
		if blk.declared[name] {
			return p.errHere(namePos, "duplicate parameter %s: expected distinct names", quoteShort(name))
		}
		blk.declared[name] = true
		return nil
	}
	for {
		p.skipSpace()
		itemPos := p.pos
		if varKw {
			return p.errHere(itemPos, "expected ')' after **%s: the **kwargs parameter must be the last, got %s", formatName(varKwName), p.found())
		}
		switch {
		case p.pos < len(p.line) && p.line[p.pos] == '/':
			p.pos++
			switch {
			case slash:
				return p.errHere(itemPos, "expected one '/' in the parameters, got a second")
			case star:
				return p.errHere(itemPos, "expected '/' before '*': positional-only parameters come first")
			case len(positional) == 0:
				return p.errHere(itemPos, "expected a parameter before '/'")
			}
			slash, posOnly = true, len(positional)
		case p.pos+1 < len(p.line) && p.line[p.pos] == '*' && p.line[p.pos+1] == '*':
			p.pos += 2
			p.skipSpace()
			namePos := p.pos
			name, err := p.nameToken("the name of the **kwargs parameter")
			if err != nil {
				return err
			}
			if err := declare(namePos, name); err != nil {
				return err
			}
			if bareStar && len(kwOnly) == 0 {
				return p.errHere(itemPos, "expected a keyword-only parameter after the bare '*', got **%s", formatName(name))
			}
			varKw, varKwName = true, name
		case p.pos < len(p.line) && p.line[p.pos] == '*':
			p.pos++
			if star {
				return p.errHere(itemPos, "expected one '*' or *rest in the parameters, got a second")
			}
			star = true
			p.skipSpace()
			if p.pos < len(p.line) && (p.line[p.pos] == ',' || p.line[p.pos] == ')') {
				bareStar = true
				break
			}
			namePos := p.pos
			name, err := p.nameToken("the name of the *rest parameter, or ',' after a bare '*'")
			if err != nil {
				return err
			}
			if err := declare(namePos, name); err != nil {
				return err
			}
			positional = append(positional, name)
			varArgs = true
		default:
			namePos := p.pos
			name, err := p.nameToken("a parameter name")
			if err != nil {
				return err
			}
			if err := declare(namePos, name); err != nil {
				return err
			}
			if star {
				kwOnly = append(kwOnly, name)
			} else {
				positional = append(positional, name)
			}
		}
		p.skipSpace()
		if p.pos >= len(p.line) || p.line[p.pos] == ';' {
			return p.errHere(p.pos, "expected ')' to close the parameters opened at column %d, got %s", open+1, p.found())
		}
		c := p.line[p.pos]
		if c == ')' {
			p.pos++
			break
		}
		if c == '=' {
			return p.errHere(p.pos, "expected ',' or ')' after a parameter, got '=' (defaults are not written in the header: MAKE_FUNCTION takes them as a tuple)")
		}
		if c != ',' {
			return p.errHere(p.pos, "expected ',' or ')' after a parameter, got %s", p.found())
		}
		p.pos++
	}
	if bareStar && len(kwOnly) == 0 {
		return p.errHere(p.pos-1, "expected a keyword-only parameter after the bare '*', got ')'")
	}
	blk.b.SetParams(varArgs, positional...)
	blk.b.SetPosOnly(posOnly)
	if len(kwOnly) > 0 {
		blk.b.SetKwOnly(kwOnly...)
	}
	if varKw {
		blk.b.SetVarKeywords(varKwName)
	}
	return nil
}

// nameToken reads a local, name or parameter: a word, or a quoted string
// for any other text.
func (p *parser) nameToken(what string) (string, error) {
	p.skipSpace()
	if p.pos < len(p.line) && p.line[p.pos] == '"' {
		return p.stringLit()
	}
	if !p.atWord() {
		return "", p.errHere(p.pos, "expected %s (a word or a quoted string), got %s", what, p.found())
	}
	return p.word(), nil
}

func (p *parser) directive(blk *block, name string, start int) error {
	header := false
	switch name {
	case "locals", "cells", "freevars", ".name", ".qualname", ".doc", ".filename", ".firstline", ".generator":
		header = true
	}
	if header {
		if blk.bodyBegun {
			return p.errHere(start, "expected %s before the first instruction, label or .line of the block", name)
		}
		if blk.seen[name] {
			return p.errHere(start, "expected one %s per block, got a second", name)
		}
		blk.seen[name] = true
	}
	switch name {
	case "locals":
		for {
			p.skipSpace()
			namePos := p.pos
			local, err := p.nameToken("a local name")
			if err != nil {
				return err
			}
			if blk.declared[local] {
				return p.errHere(namePos, "duplicate local %s: expected names distinct from each other and from the parameters", quoteShort(local))
			}
			blk.declared[local] = true
			blk.b.AddLocal(local)
			if p.atEOL() {
				return nil
			}
			if p.line[p.pos] != ',' {
				return p.errHere(p.pos, "expected ',' or end of line after a local, got %s", p.found())
			}
			p.pos++
		}
	case "cells", "freevars":
		for {
			p.skipSpace()
			namePos := p.pos
			v, err := p.nameToken("a variable name")
			if err != nil {
				return err
			}
			if blk.cellVars[v] {
				return p.errHere(namePos, "duplicate variable %s: expected the cells and free variables distinct from each other", quoteShort(v))
			}
			blk.cellVars[v] = true
			if name == "cells" {
				blk.b.AddCell(v)
			} else {
				blk.b.AddFree(v)
			}
			if p.atEOL() {
				return nil
			}
			if p.line[p.pos] != ',' {
				return p.errHere(p.pos, "expected ',' or end of line after a variable, got %s", p.found())
			}
			p.pos++
		}
	case ".generator":
		blk.b.SetGenerator(true)
		return p.expectEOL(name)
	case ".pos":
		p.skipSpace()
		var v [4]int32
		for i, what := range []string{"the start line", "the start column", "the end line", "the end column"} {
			if i > 0 {
				sep := byte(":-:"[i-1])
				if p.pos >= len(p.line) || p.line[p.pos] != sep {
					return p.errHere(p.pos, "expected %q in .pos LINE:COL-ENDLINE:ENDCOL, got %s", sep, p.found())
				}
				p.pos++
			}
			n, err := p.int32Lit(what + " of .pos LINE:COL-ENDLINE:ENDCOL")
			if err != nil {
				return err
			}
			v[i] = n
		}
		blk.bodyBegun = true
		blk.lineSet, blk.line = true, v[0]
		blk.pos = Position{Line: v[0], Col: v[1], EndLine: v[2], EndCol: v[3]}
		return p.expectEOL(name)
	case ".name", ".qualname", ".doc", ".filename":
		p.skipSpace()
		if p.pos >= len(p.line) || p.line[p.pos] != '"' {
			return p.errHere(p.pos, "expected a quoted string after %s, got %s", name, p.found())
		}
		s, err := p.stringLit()
		if err != nil {
			return err
		}
		switch name {
		case ".name":
			blk.code.Name = s
		case ".qualname":
			blk.code.QualName = s
		case ".doc":
			blk.code.Doc = s
		default:
			if blk.ref == "" {
				return p.errHere(start, "expected .filename only in a func block: the module's file name is the one given to Assemble")
			}
			blk.code.Filename = s
		}
		return p.expectEOL(name)
	case ".firstline", ".line":
		p.skipSpace()
		n, err := p.int32Lit("a line number after " + name)
		if err != nil {
			return err
		}
		if name == ".firstline" {
			blk.code.FirstLine = n
		} else {
			blk.bodyBegun = true
			blk.lineSet, blk.line, blk.pos = true, n, Position{}
		}
		return p.expectEOL(name)
	}
	return p.errHere(start, "expected a directive (.line, .pos, .firstline, .name, .qualname, .doc, .filename, .generator), got %s", quoteShort(name))
}

func (p *parser) defineLabel(blk *block, name string, at position) error {
	blk.bodyBegun = true
	li := blk.label(name)
	if li.defined {
		return p.errAt(at, "duplicate label %s (first defined at line %d): expected a new name", quoteShort(name), li.def.line)
	}
	li.defined, li.def = true, at
	blk.b.Bind(li.label)
	return nil
}

func (b *block) label(name string) *labelInfo {
	li := b.labels[name]
	if li == nil {
		li = &labelInfo{label: b.b.NewLabel()}
		b.labels[name] = li
		b.labelOrder = append(b.labelOrder, name)
	}
	return li
}

func (p *parser) instruction(blk *block, word string, start int) error {
	blk.bodyBegun = true
	op, ok := ParseOp(word)
	if !ok {
		msg := fmt.Sprintf("expected an opcode, got %s", quoteShort(word))
		if s := suggestOp(word); s != "" {
			msg += " (did you mean " + s + "?)"
		} else if p.atEOL() {
			msg += " (a label is written " + quoteShort(word+":") + ")"
		}
		return p.errHere(start, "%s", msg)
	}
	at := position{p.lnum, start + 1}
	line := blk.line
	if !blk.lineSet {
		line = clampLine(p.lnum)
	}
	blk.b.SetLine(line)
	if blk.pos != (Position{}) {
		blk.b.SetPosition(blk.pos)
	}
	blk.instrPos = append(blk.instrPos, at)
	info := op.Info()
	if info.Operand == OperandNone {
		blk.b.emit(op, 0)
		return p.expectEOL(op.String() + " (it takes no operand)")
	}
	p.skipSpace()
	if p.atEOL() {
		return p.errHere(p.pos, "expected %s operand after %s, got %s", article(info.Operand), op, p.found())
	}
	operandPos := p.pos
	switch info.Operand {
	case OperandConst:
		k, err := p.constant(0)
		if err != nil {
			return err
		}
		blk.b.EmitConst(op, k)
	case OperandLocal:
		name, err := p.nameToken("a local")
		if err != nil {
			return err
		}
		if !blk.declared[name] {
			return p.errHere(operandPos, "expected a local declared in the parameters or 'locals', got unknown local %s", quoteShort(name))
		}
		blk.b.EmitLocal(op, name)
	case OperandCell:
		name, err := p.nameToken("a cell or free variable")
		if err != nil {
			return err
		}
		if !blk.cellVars[name] {
			return p.errHere(operandPos, "expected a variable declared in 'cells' or 'freevars', got unknown variable %s", quoteShort(name))
		}
		blk.b.EmitCell(op, name)
	case OperandName:
		name, err := p.nameToken("a name")
		if err != nil {
			return err
		}
		blk.b.EmitName(op, name)
	case OperandJump:
		if !p.atWord() {
			return p.errHere(p.pos, "expected a label after %s, got %s", op, p.found())
		}
		name := p.word()
		li := blk.label(name)
		if !li.used {
			li.used, li.firstUse = true, position{p.lnum, operandPos + 1}
		}
		blk.b.EmitJump(op, li.label)
	case OperandCount, OperandFlag:
		n, err := p.int32Lit(fmt.Sprintf("%s operand after %s (an integer)", article(info.Operand), op))
		if err != nil {
			return err
		}
		blk.b.emit(op, n)
	case OperandBinOp, OperandCmpOp:
		sym := p.operator()
		var arg int32
		ok := false
		if info.Operand == OperandBinOp {
			var b BinOp
			b, ok = ParseBinOp(sym)
			arg = int32(b)
		} else {
			var c CmpOp
			c, ok = ParseCmpOp(sym)
			arg = int32(c)
		}
		if !ok {
			p.pos = operandPos
			if info.Operand == OperandBinOp {
				return p.errHere(operandPos, "expected a binary operator (+ - * / // %% ** << >> & | ^ @, or an in-place form such as +=), got %s", p.foundOperator(sym))
			}
			return p.errHere(operandPos, "expected a comparison (< <= == != > >=), got %s", p.foundOperator(sym))
		}
		blk.b.emit(op, arg)
	}
	return p.expectEOL("the operand of " + op.String())
}

func (p *parser) foundOperator(sym string) string {
	if sym != "" {
		return strconv.Quote(sym)
	}
	return p.found()
}

func article(k OperandKind) string {
	switch k {
	case OperandCount:
		return "a count"
	case OperandFlag:
		return "a flag"
	case OperandConst:
		return "a constant"
	case OperandLocal:
		return "a local"
	case OperandName:
		return "a name"
	case OperandJump:
		return "a label"
	case OperandBinOp:
		return "a binary-operator"
	case OperandCmpOp:
		return "a comparison"
	case OperandCell:
		return "a cell"
	}
	return "an"
}

// operator reads a run of operator characters.
func (p *parser) operator() string {
	start := p.pos
	for p.pos < len(p.line) && strings.IndexByte("+-*/%<>&|^@=!", p.line[p.pos]) >= 0 {
		p.pos++
	}
	return string(p.line[start:p.pos])
}

// int32Lit reads an optionally signed decimal integer that fits int32.
func (p *parser) int32Lit(what string) (int32, error) {
	start := p.pos
	if p.pos < len(p.line) && (p.line[p.pos] == '-' || p.line[p.pos] == '+') {
		p.pos++
	}
	digits := p.pos
	for p.pos < len(p.line) && p.line[p.pos] >= '0' && p.line[p.pos] <= '9' {
		p.pos++
	}
	if p.pos == digits {
		p.pos = start
		return 0, p.errHere(start, "expected %s, got %s", what, p.found())
	}
	if p.pos < len(p.line) && (p.atWord() || p.line[p.pos] == '.') {
		p.pos = start
		return 0, p.errHere(start, "expected %s, got %s", what, p.numberFound())
	}
	n, err := strconv.ParseInt(string(p.line[start:p.pos]), 10, 32)
	if err != nil {
		return 0, p.errHere(start, "expected %s from %d to %d, got %s", what, math.MinInt32, math.MaxInt32, quoteShort(string(p.line[start:p.pos])))
	}
	return int32(n), nil
}

// numberFound describes the number-like text at pos.
func (p *parser) numberFound() string {
	save := p.pos
	lex := p.numberLexeme()
	p.pos = save
	if lex == "" {
		return p.found()
	}
	return quoteShort(lex)
}

// ---- constants ----

// constant parses a constant literal at pos; depth counts the enclosing
// tuples.
func (p *parser) constant(depth int) (Const, error) {
	p.skipSpace()
	if p.pos >= len(p.line) || p.line[p.pos] == ';' {
		return nil, p.errHere(p.pos, "expected a constant, got %s", p.found())
	}
	start := p.pos
	c := p.line[p.pos]
	switch {
	case c == '"':
		return p.stringLit()
	case c == '(':
		return p.tuple(depth)
	case c == '@':
		p.pos++
		if !p.atWord() {
			return nil, p.errHere(p.pos, "expected a function name after '@', got %s", p.found())
		}
		return p.codeRef(p.word(), position{p.lnum, start + 1}), nil
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	case p.atWord():
		w := p.word()
		switch w {
		case "None":
			return nil, nil
		case "True":
			return true, nil
		case "False":
			return false, nil
		case "Ellipsis":
			return Ellipsis, nil
		case "inf", "nan":
			p.pos = start
			return p.number()
		case "b":
			if p.pos < len(p.line) && p.line[p.pos] == '"' {
				s, err := p.stringLit()
				return Bytes(s), err
			}
		}
		return nil, p.errHere(start, "expected a constant (a number, string, b\"bytes\", None, True, False, Ellipsis, tuple or @function), got %s", quoteShort(w))
	}
	return nil, p.errHere(start, "expected a constant (a number, string, b\"bytes\", None, True, False, Ellipsis, tuple or @function), got %s", p.found())
}

// codeRef returns the code object of function ref, creating a placeholder
// for a function defined further down.
func (p *parser) codeRef(ref string, at position) *Code {
	blk := p.funcs[ref]
	if blk == nil {
		blk = &block{ref: ref, code: &Code{Name: ref}, firstRef: at}
		p.funcs[ref] = blk
		p.refs = append(p.refs, blk)
	} else if blk.firstRef.line == 0 {
		blk.firstRef = at
	}
	return blk.code
}

func (p *parser) tuple(depth int) (Const, error) {
	open := p.pos
	if depth >= MaxNesting {
		return nil, p.errHere(open, "expected tuples nested at most %d deep, got deeper", MaxNesting)
	}
	p.pos++
	items := Tuple{}
	trailingComma := false
	for {
		p.skipSpace()
		if p.pos >= len(p.line) || p.line[p.pos] == ';' {
			return nil, p.errHere(p.pos, "expected ')' to close the tuple opened at column %d, got %s", open+1, p.found())
		}
		if p.line[p.pos] == ')' {
			if len(items) == 1 && !trailingComma {
				return nil, p.errHere(p.pos, "expected ',' after the only item of a one-element tuple: write (x,)")
			}
			p.pos++
			return items, nil
		}
		if len(items) > 0 && !trailingComma {
			return nil, p.errHere(p.pos, "expected ',' or ')' in a tuple, got %s", p.found())
		}
		item, err := p.constant(depth + 1)
		if err != nil {
			return nil, err
		}
		items = append(items, item)
		p.skipSpace()
		trailingComma = false
		if p.pos < len(p.line) && p.line[p.pos] == ',' {
			p.pos++
			trailingComma = true
		}
	}
}

// stringLit reads a double-quoted string with Go's escapes. Bytes that are
// not escaped, invalid UTF-8 included, stand for themselves.
func (p *parser) stringLit() (string, error) {
	open := p.pos
	p.pos++
	var b []byte
	for {
		if p.pos >= len(p.line) {
			return "", p.errHere(open, "unterminated string: expected a closing '\"' on the same line")
		}
		c := p.line[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(b), nil
		case c == '\\':
			// An escape is at most 10 bytes (\U0010FFFF).
			chunk := string(p.line[p.pos:min(p.pos+10, len(p.line))])
			value, multibyte, tail, err := strconv.UnquoteChar(chunk, '"')
			if err != nil {
				return "", p.errHere(p.pos, "expected a valid escape sequence (\\n \\t \\\\ \\\" \\xHH \\ooo \\uHHHH \\UHHHHHHHH ...), got %s", quoteShort(escapeLexeme(chunk)))
			}
			if multibyte {
				b = utf8.AppendRune(b, value)
			} else {
				b = append(b, byte(value))
			}
			p.pos += len(chunk) - len(tail)
		default:
			b = append(b, c)
			p.pos++
		}
	}
}

// escapeLexeme cuts chunk (which starts with a backslash) to the escape
// it most likely meant, for a message.
func escapeLexeme(chunk string) string {
	if len(chunk) < 2 {
		return chunk
	}
	n := 2
	switch chunk[1] {
	case 'x':
		n = 4
	case 'u':
		n = 6
	case 'U':
		n = 10
	case '0', '1', '2', '3', '4', '5', '6', '7':
		n = 4
	}
	return chunk[:min(n, len(chunk))]
}

// numberLexeme reads the text of a number: an optional sign, then letters,
// digits, dots and underscores, with a sign allowed after an exponent
// letter.
func (p *parser) numberLexeme() string {
	start := p.pos
	if p.pos < len(p.line) && (p.line[p.pos] == '+' || p.line[p.pos] == '-') {
		p.pos++
	}
	for p.pos < len(p.line) {
		c := p.line[p.pos]
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' {
			p.pos++
			continue
		}
		if (c == '+' || c == '-') && p.pos > start {
			if prev := p.line[p.pos-1] | 0x20; prev == 'e' || prev == 'p' {
				p.pos++
				continue
			}
		}
		break
	}
	return string(p.line[start:p.pos])
}

// maxIntLexeme bounds the digits of an integer literal: enough for
// MaxIntBits in binary.
const maxIntLexeme = MaxIntBits + 8

func (p *parser) number() (Const, error) {
	start := p.pos
	lex := p.numberLexeme()
	bad := func(what string) error {
		return p.errHere(start, "expected %s, got %s", what, quoteShort(lex))
	}
	body, neg := lex, false
	if body != "" && (body[0] == '+' || body[0] == '-') {
		neg = body[0] == '-'
		body = body[1:]
	}
	switch {
	case body == "inf":
		if neg {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case body == "nan":
		if lex != "nan" {
			return nil, bad("nan without a sign (write nan(0x...) for other NaN bits)")
		}
		if p.pos < len(p.line) && p.line[p.pos] == '(' {
			return p.nanBits(start)
		}
		return math.Float64frombits(canonicalNaN), nil
	case body == "":
		return nil, bad("a number")
	}
	lower := strings.ToLower(body)
	if len(lower) > 1 && lower[0] == '0' && strings.IndexByte("xob", lower[1]) >= 0 {
		if lower[1] == 'x' && strings.ContainsRune(lower, 'p') {
			if !onlyChars(lower[2:], "0123456789abcdef.p+-") {
				return nil, bad("a hexadecimal float")
			}
			return p.float(lex, start)
		}
		base, digits := map[byte]int{'x': 16, 'o': 8, 'b': 2}[lower[1]], lower[2:]
		valid := map[int]string{16: "0123456789abcdef", 8: "01234567", 2: "01"}[base]
		if digits == "" || !onlyChars(digits, valid) {
			return nil, bad(fmt.Sprintf("an integer in base %d", base))
		}
		return p.integer(neg, digits, base, lex, start)
	}
	if strings.ContainsAny(lower, ".e") {
		if !onlyChars(lower, "0123456789.e+-") {
			return nil, bad("a float")
		}
		return p.float(lex, start)
	}
	if !onlyChars(body, "0123456789") {
		return nil, bad("a number")
	}
	return p.integer(neg, body, 10, lex, start)
}

func onlyChars(s, set string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) < 0 {
			return false
		}
	}
	return true
}

func (p *parser) float(lex string, start int) (Const, error) {
	f, err := strconv.ParseFloat(lex, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange && !math.IsInf(f, 0) {
			return f, nil // underflow to a denormal or zero is exact enough to keep
		}
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return nil, p.errHere(start, "expected a float within range (write inf for infinity), got %s", quoteShort(lex))
		}
		return nil, p.errHere(start, "expected a float, got %s", quoteShort(lex))
	}
	return f, nil
}

func (p *parser) integer(neg bool, digits string, base int, lex string, start int) (Const, error) {
	if len(digits) > maxIntLexeme {
		return nil, p.errHere(start, "expected an integer of at most %d bits, got a literal of %d digits", MaxIntBits, len(digits))
	}
	sign := ""
	if neg {
		sign = "-"
	}
	if n, err := strconv.ParseInt(sign+digits, base, 64); err == nil {
		return n, nil
	}
	z, ok := new(big.Int).SetString(digits, base)
	if !ok {
		return nil, p.errHere(start, "expected an integer, got %s", quoteShort(lex))
	}
	if neg {
		z.Neg(z)
	}
	if z.BitLen() > MaxIntBits {
		return nil, p.errHere(start, "expected an integer of at most %d bits, got one of %d", MaxIntBits, z.BitLen())
	}
	if z.IsInt64() {
		return z.Int64(), nil
	}
	return z, nil
}

// nanBits parses the "(0x7ff8000000000001)" after nan.
func (p *parser) nanBits(start int) (Const, error) {
	p.pos++ // '('
	lexStart := p.pos
	for p.pos < len(p.line) && p.line[p.pos] != ')' && !isSpace(p.line[p.pos]) && p.line[p.pos] != ';' {
		p.pos++
	}
	lex := string(p.line[lexStart:p.pos])
	if p.pos >= len(p.line) || p.line[p.pos] != ')' {
		return nil, p.errHere(p.pos, "expected ')' after the bits of nan(0x...), got %s", p.found())
	}
	p.pos++
	low := strings.ToLower(lex)
	if len(low) < 3 || low[:2] != "0x" || len(low) > 18 || !onlyChars(low[2:], "0123456789abcdef") {
		return nil, p.errHere(lexStart, "expected the 64 bits of a NaN in hexadecimal (nan(0x7ff8000000000001)), got %s", quoteShort(lex))
	}
	bits, _ := strconv.ParseUint(low[2:], 16, 64)
	f := math.Float64frombits(bits)
	if !math.IsNaN(f) {
		return nil, p.errHere(lexStart, "expected the bits of a NaN (exponent all ones, fraction not zero), got %s", quoteShort(lex))
	}
	return f, nil
}

// ---- blocks and the file ----

func (p *parser) endBlock(blk *block) error {
	for _, name := range blk.labelOrder {
		li := blk.labels[name]
		if li.used && !li.defined {
			return p.errAt(li.firstUse, "undefined label %s: expected a line %s in %s", quoteShort(name), quoteShort(name+":"), blk.describe())
		}
		if li.used && li.defined && int(blk.b.labels[li.label]) >= len(blk.code.Instrs) {
			return p.errAt(li.def, "label %s is at the end of %s: expected an instruction after it", quoteShort(name), blk.describe())
		}
	}
	if _, err := blk.b.finish(); err != nil {
		// Cannot happen: the parser only emits operands of the right kind
		// and binds every label it uses.
		return p.errAt(blk.header, "internal error: %v", err)
	}
	p.cur = nil
	return nil
}

func (p *parser) finishFile() (*Code, error) {
	if p.cur != nil {
		return nil, p.errAt(p.cur.header, "expected 'end' to close %s before the end of the file", p.cur.describe())
	}
	if p.mod == nil {
		return nil, p.errAt(position{1, 1}, "expected a module block ('module' ... 'end'), got none")
	}
	for _, blk := range p.refs {
		if !blk.defined {
			return nil, p.errAt(blk.firstRef, "undefined function @%s: expected a block 'func %s(...)'", blk.ref, blk.ref)
		}
	}
	// Every function must be reachable from the module.
	reached := map[*Code]bool{p.mod.code: true}
	stack := []*Code{p.mod.code}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, k := range c.Consts {
			walkCodes(k, 0, func(x *Code) bool {
				if !reached[x] {
					reached[x] = true
					stack = append(stack, x)
				}
				return true
			})
		}
	}
	for _, blk := range p.defs {
		if !reached[blk.code] {
			return nil, p.errAt(blk.header, "func %s is never used: expected @%s in a constant of the module or of a function it uses", blk.ref, blk.ref)
		}
	}
	if err := p.mod.code.SetSizes(); err != nil {
		var ce *CodeError
		if !errors.As(err, &ce) {
			return nil, p.errAt(p.mod.header, "%v", err)
		}
		at := p.mod.header
		if blk := p.byPtr[ce.Code]; blk != nil {
			at = blk.header
			if ce.Index >= 0 && ce.Index < len(blk.instrPos) {
				at = blk.instrPos[ce.Index]
			}
		}
		return nil, &SyntaxError{File: p.file, Line: at.line, Col: at.col, Msg: ce.Error(), Err: ce}
	}
	return p.mod.code, nil
}
