package bytecode

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
)

// diffCode compares two code objects field by field, nested code objects
// structurally, and describes the first difference ("" when equal).
func diffCode(a, b *Code) string {
	return (&codeDiffer{seen: make(map[[2]*Code]bool)}).code("", a, b)
}

type codeDiffer struct {
	seen map[[2]*Code]bool // pairs compared or being compared
}

func (d *codeDiffer) code(path string, a, b *Code) string {
	if a == nil || b == nil {
		if a != b {
			return fmt.Sprintf("%s: one code object is nil", path)
		}
		return ""
	}
	key := [2]*Code{a, b}
	if d.seen[key] {
		return ""
	}
	d.seen[key] = true
	path += "/" + a.Name
	strs := func(field string, x, y []string) string {
		if !slices.Equal(x, y) {
			return fmt.Sprintf("%s: %s: expected %q, got %q", path, field, x, y)
		}
		return ""
	}
	switch {
	case a.Name != b.Name:
		return fmt.Sprintf("%s: Name: expected %q, got %q", path, a.Name, b.Name)
	case a.Filename != b.Filename:
		return fmt.Sprintf("%s: Filename: expected %q, got %q", path, a.Filename, b.Filename)
	case a.FirstLine != b.FirstLine:
		return fmt.Sprintf("%s: FirstLine: expected %d, got %d", path, a.FirstLine, b.FirstLine)
	case a.VarArgs != b.VarArgs:
		return fmt.Sprintf("%s: VarArgs: expected %v, got %v", path, a.VarArgs, b.VarArgs)
	case a.Doc != b.Doc:
		return fmt.Sprintf("%s: Doc: expected %q, got %q", path, a.Doc, b.Doc)
	case a.QualName != b.QualName:
		return fmt.Sprintf("%s: QualName: expected %q, got %q", path, a.QualName, b.QualName)
	case a.PosOnly != b.PosOnly:
		return fmt.Sprintf("%s: PosOnly: expected %d, got %d", path, a.PosOnly, b.PosOnly)
	case a.VarKeywords != b.VarKeywords:
		return fmt.Sprintf("%s: VarKeywords: expected %v, got %v", path, a.VarKeywords, b.VarKeywords)
	case a.Generator != b.Generator:
		return fmt.Sprintf("%s: Generator: expected %v, got %v", path, a.Generator, b.Generator)
	case a.StackSize != b.StackSize:
		return fmt.Sprintf("%s: StackSize: expected %d, got %d", path, a.StackSize, b.StackSize)
	case a.BlockSize != b.BlockSize:
		return fmt.Sprintf("%s: BlockSize: expected %d, got %d", path, a.BlockSize, b.BlockSize)
	}
	if s := strs("Params", a.Params, b.Params); s != "" {
		return s
	}
	if s := strs("Locals", a.Locals, b.Locals); s != "" {
		return s
	}
	if s := strs("Names", a.Names, b.Names); s != "" {
		return s
	}
	for _, f := range []struct {
		name string
		x, y []string
	}{{"KwOnly", a.KwOnly, b.KwOnly}, {"Cells", a.Cells, b.Cells}, {"Free", a.Free, b.Free}} {
		if s := strs(f.name, f.x, f.y); s != "" {
			return s
		}
	}
	if !slices.Equal(a.Positions, b.Positions) {
		return fmt.Sprintf("%s: Positions: expected %v, got %v", path, a.Positions, b.Positions)
	}
	if len(a.Instrs) != len(b.Instrs) {
		return fmt.Sprintf("%s: expected %d instructions, got %d", path, len(a.Instrs), len(b.Instrs))
	}
	for i := range a.Instrs {
		if a.Instrs[i] != b.Instrs[i] {
			return fmt.Sprintf("%s: instruction %d: expected %+v, got %+v", path, i, a.Instrs[i], b.Instrs[i])
		}
	}
	if len(a.Consts) != len(b.Consts) {
		return fmt.Sprintf("%s: expected %d constants, got %d", path, len(a.Consts), len(b.Consts))
	}
	for i := range a.Consts {
		if s := d.constant(fmt.Sprintf("%s: constant %d", path, i), a.Consts[i], b.Consts[i]); s != "" {
			return s
		}
	}
	return ""
}

// constant is ConstEqual, except that code objects are compared
// structurally.
func (d *codeDiffer) constant(path string, a, b Const) string {
	switch x := a.(type) {
	case *Code:
		y, ok := b.(*Code)
		if !ok {
			return fmt.Sprintf("%s: expected a code object, got %s", path, constKind(b))
		}
		return d.code(path, x, y)
	case Tuple:
		y, ok := b.(Tuple)
		if !ok || len(x) != len(y) {
			return fmt.Sprintf("%s: expected %s, got %s", path, showConst(a), showConst(b))
		}
		for i := range x {
			if s := d.constant(fmt.Sprintf("%s[%d]", path, i), x[i], y[i]); s != "" {
				return s
			}
		}
		return ""
	}
	if !ConstEqual(a, b) {
		return fmt.Sprintf("%s: expected %s, got %s", path, showConst(a), showConst(b))
	}
	return ""
}

func showConst(c Const) string {
	switch x := c.(type) {
	case float64:
		return fmt.Sprintf("float %v (bits %#016x)", x, math.Float64bits(x))
	case *big.Int:
		return fmt.Sprintf("big int %v", x)
	case *Code:
		return fmt.Sprintf("code %q", x.Name)
	case Tuple:
		var b strings.Builder
		(&disassembler{refs: map[*Code]string{}}).constant(&b, x, 0)
		return "tuple " + b.String()
	}
	return fmt.Sprintf("%s %#v", constKind(c), c)
}
