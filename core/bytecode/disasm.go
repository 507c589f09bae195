package bytecode

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// canonicalNaN is the NaN that the literal "nan" stands for.
var canonicalNaN = math.Float64bits(math.NaN())

// Disassemble returns the text form of c and of every code object reachable
// through its constants: the module block first (c itself), then each
// function block once, depth-first in order of first reference. For a valid
// code object, Assemble(c.Filename, Disassemble(c)) returns a code object
// equal to c in every field, nested code objects included; docs/bytecode.md
// describes the format. Disassemble never fails: an invalid code object is
// printed as well as it can be, with "?N" for operands that index nothing,
// and its text does not assemble.
func Disassemble(c *Code) string {
	if c == nil {
		return ""
	}
	d := &disassembler{top: c, refs: make(map[*Code]string)}
	d.collect()
	d.assignRefs()
	for i, code := range d.order {
		if i > 0 {
			d.out.WriteByte('\n')
		}
		d.block(code, i == 0)
	}
	return d.out.String()
}

type disassembler struct {
	top   *Code
	order []*Code // reachable code objects, top first, depth-first preorder
	refs  map[*Code]string
	out   strings.Builder
}

// collect lists the reachable code objects depth-first, in order of first
// reference, without recursion (a chain of nested code objects may be long
// in an invalid input).
func (d *disassembler) collect() {
	seen := map[*Code]bool{d.top: true}
	type frame struct {
		codes []*Code // the code objects the frame's consts reference, in order
		next  int
	}
	children := func(c *Code) []*Code {
		var list []*Code
		for _, k := range c.Consts {
			walkCodes(k, 0, func(x *Code) bool {
				if x != nil {
					list = append(list, x)
				}
				return true
			})
		}
		return list
	}
	d.order = append(d.order, d.top)
	stack := []frame{{codes: children(d.top)}}
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.next >= len(f.codes) {
			stack = stack[:len(stack)-1]
			continue
		}
		x := f.codes[f.next]
		f.next++
		if seen[x] {
			continue
		}
		seen[x] = true
		d.order = append(d.order, x)
		stack = append(stack, frame{codes: children(x)})
	}
}

// assignRefs names every function block. A code object is referred to by
// its Name where that is a word not already taken (first come, first
// served); the others get a made-up reference, and their block carries a
// .name directive.
func (d *disassembler) assignRefs() {
	taken := make(map[string]bool)
	d.refs[d.top] = "<module>"
	for _, c := range d.order[1:] {
		if isWord(c.Name) && !taken[c.Name] {
			d.refs[c] = c.Name
			taken[c.Name] = true
		}
	}
	for _, c := range d.order[1:] {
		if _, ok := d.refs[c]; ok {
			continue
		}
		base := sanitizeWord(c.Name)
		ref := base
		for n := 2; taken[ref]; n++ {
			ref = base + "_" + strconv.Itoa(n)
		}
		d.refs[c] = ref
		taken[ref] = true
	}
}

// sanitizeWord turns any string into a word, for a made-up reference.
func sanitizeWord(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == utf8.RuneError || !isWordPart(r) {
			r = '_'
		}
		if b.Len() == 0 && !isWordStart(r) {
			b.WriteString("code_")
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "code"
	}
	return b.String()
}

func (d *disassembler) printf(format string, args ...any) {
	fmt.Fprintf(&d.out, format, args...)
}

func (d *disassembler) block(c *Code, top bool) {
	if top {
		d.out.WriteString("module")
		if hasParams(c) {
			d.out.WriteString(formatParams(c))
		}
		d.out.WriteByte('\n')
		if c.Name != "<module>" {
			d.printf("    .name %s\n", strconv.Quote(c.Name))
		}
	} else {
		ref := d.refs[c]
		d.printf("func %s%s\n", ref, formatParams(c))
		if c.Name != ref {
			d.printf("    .name %s\n", strconv.Quote(c.Name))
		}
		if c.Filename != d.top.Filename {
			d.printf("    .filename %s\n", strconv.Quote(c.Filename))
		}
	}
	if c.QualName != "" {
		d.printf("    .qualname %s\n", strconv.Quote(c.QualName))
	}
	if c.Doc != "" {
		d.printf("    .doc %s\n", strconv.Quote(c.Doc))
	}
	d.printf("    .firstline %d\n", c.FirstLine)
	if c.Generator {
		d.out.WriteString("    .generator\n")
	}
	if nargs := min(c.NumArgs(), len(c.Locals)); len(c.Locals) > nargs {
		d.nameList("locals", c.Locals[nargs:])
	}
	if len(c.Cells) > 0 {
		d.nameList("cells", c.Cells)
	}
	if len(c.Free) > 0 {
		d.nameList("freevars", c.Free)
	}

	// Labels for jump targets, numbered in instruction order.
	var targets []int
	for _, in := range c.Instrs {
		if in.Op.Info().Jump && in.Arg >= 0 && int(in.Arg) < len(c.Instrs) {
			targets = append(targets, int(in.Arg))
		}
	}
	slices.Sort(targets)
	targets = slices.Compact(targets)
	labels := make(map[int]string, len(targets))
	for i, t := range targets {
		labels[t] = "L" + strconv.Itoa(i+1)
	}

	line, pos := int32(0), Position{}
	for i, in := range c.Instrs {
		if l, ok := labels[i]; ok {
			d.printf("%s:\n", l)
		}
		p := Position{}
		if len(c.Positions) == len(c.Instrs) {
			p = c.Positions[i]
		}
		if i == 0 || in.Line != line || p != pos {
			line, pos = in.Line, p
			if p != (Position{}) {
				d.printf("    .pos %s\n", p)
			} else {
				d.printf("    .line %d\n", line)
			}
		}
		d.out.WriteString("    ")
		d.out.WriteString(in.Op.String())
		if operand := d.operand(c, in, labels); operand != "" {
			d.out.WriteByte(' ')
			d.out.WriteString(operand)
		}
		d.out.WriteByte('\n')
	}
	d.out.WriteString("end\n")
}

// nameList writes a header directive that lists names.
func (d *disassembler) nameList(directive string, names []string) {
	d.out.WriteString("    " + directive + " ")
	for i, n := range names {
		if i > 0 {
			d.out.WriteString(", ")
		}
		d.out.WriteString(formatName(n))
	}
	d.out.WriteByte('\n')
}

// hasParams reports whether c's header needs a parameter list.
func hasParams(c *Code) bool {
	return len(c.Params) > 0 || len(c.KwOnly) > 0 || c.VarKeywords
}

// formatParams writes c's parameters as a Python def would, without
// defaults: "(a, /, b, *rest, k, **kw)".
func formatParams(c *Code) string {
	var items []string
	for i, p := range c.Params {
		if c.VarArgs && i == len(c.Params)-1 {
			items = append(items, "*"+formatName(p))
		} else {
			items = append(items, formatName(p))
		}
		if int(c.PosOnly) == i+1 {
			items = append(items, "/")
		}
	}
	if len(c.KwOnly) > 0 && !c.VarArgs {
		items = append(items, "*")
	}
	for _, k := range c.KwOnly {
		items = append(items, formatName(k))
	}
	if c.VarKeywords {
		name := "?"
		if i := len(c.Params) + len(c.KwOnly); i < len(c.Locals) {
			name = formatName(c.Locals[i])
		}
		items = append(items, "**"+name)
	}
	return "(" + strings.Join(items, ", ") + ")"
}

func bad(arg int32) string { return "?" + strconv.Itoa(int(arg)) }

func (d *disassembler) operand(c *Code, in Instr, labels map[int]string) string {
	if !in.Op.Valid() {
		return bad(in.Arg)
	}
	arg := int(in.Arg)
	switch in.Op.Info().Operand {
	case OperandNone:
		if in.Arg != 0 {
			return bad(in.Arg)
		}
		return ""
	case OperandConst:
		if arg < 0 || arg >= len(c.Consts) {
			return bad(in.Arg)
		}
		var b strings.Builder
		d.constant(&b, c.Consts[arg], 0)
		return b.String()
	case OperandLocal:
		if arg < 0 || arg >= len(c.Locals) {
			return bad(in.Arg)
		}
		return formatName(c.Locals[arg])
	case OperandName:
		if arg < 0 || arg >= len(c.Names) {
			return bad(in.Arg)
		}
		return formatName(c.Names[arg])
	case OperandJump:
		if l, ok := labels[arg]; ok {
			return l
		}
		return bad(in.Arg)
	case OperandBinOp:
		if !BinOp(in.Arg).Valid() {
			return bad(in.Arg)
		}
		return BinOp(in.Arg).String()
	case OperandCmpOp:
		if !CmpOp(in.Arg).Valid() {
			return bad(in.Arg)
		}
		return CmpOp(in.Arg).String()
	case OperandCell:
		switch {
		case arg >= 0 && arg < len(c.Cells):
			return formatName(c.Cells[arg])
		case arg >= len(c.Cells) && arg < len(c.Cells)+len(c.Free):
			return formatName(c.Free[arg-len(c.Cells)])
		}
		return bad(in.Arg)
	}
	return strconv.Itoa(arg)
}

// constant writes the literal for k.
func (d *disassembler) constant(b *strings.Builder, k Const, depth int) {
	switch x := k.(type) {
	case nil:
		b.WriteString("None")
	case bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case *big.Int:
		if x == nil {
			b.WriteString("?nil")
			return
		}
		b.WriteString(x.String())
	case float64:
		b.WriteString(formatFloat(x))
	case string:
		b.WriteString(strconv.Quote(x))
	case Bytes:
		b.WriteString("b" + strconv.Quote(string(x)))
	case EllipsisType:
		b.WriteString("Ellipsis")
	case Tuple:
		if depth > MaxNesting {
			b.WriteString("(?)")
			return
		}
		b.WriteByte('(')
		for i, item := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			d.constant(b, item, depth+1)
		}
		if len(x) == 1 {
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case *Code:
		if ref, ok := d.refs[x]; ok {
			b.WriteString("@" + ref)
		} else {
			b.WriteString("@?")
		}
	default:
		b.WriteString("?" + strconv.Quote(fmt.Sprintf("%T", k)))
	}
}

// formatFloat writes a float literal that parses back to the same bits:
// the shortest decimal form, with ".0" added when it would read as an
// integer; inf, -inf, nan, and nan(0x...) for a NaN with other bits.
func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		if bits := math.Float64bits(f); bits != canonicalNaN {
			return fmt.Sprintf("nan(0x%016x)", bits)
		}
		return "nan"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// formatName writes a local, name or parameter: bare when it is a word,
// quoted otherwise.
func formatName(s string) string {
	if isWord(s) {
		return s
	}
	return strconv.Quote(s)
}

func isWordStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func isWordPart(r rune) bool {
	return r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isWord reports whether s can be written bare: a letter or underscore,
// then letters, digits, underscores and dots, all valid UTF-8.
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == utf8.RuneError {
			return false
		}
		if i == 0 && !isWordStart(r) || !isWordPart(r) {
			return false
		}
	}
	return true
}
