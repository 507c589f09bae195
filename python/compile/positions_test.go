package compile

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
)

// positionKinds maps rwgil's instructions onto the kinds
// testdata/positions_expected.py gives CPython's.
var positionKinds = map[bytecode.Op]string{
	bytecode.Call: "call", bytecode.CallMethod: "call", bytecode.CallEx: "call",
	bytecode.BinarySubscr: "subscr", bytecode.StoreSubscr: "store_subscr", bytecode.DeleteSubscr: "del_subscr",
	bytecode.BinarySlice: "slice", bytecode.StoreSlice: "store_slice",
	bytecode.LoadAttr: "attr", bytecode.LoadMethod: "attr", bytecode.StoreAttr: "store_attr", bytecode.DeleteAttr: "del_attr",
	bytecode.LoadFast: "load", bytecode.LoadGlobal: "load", bytecode.LoadName: "load",
	bytecode.LoadDeref: "load", bytecode.LoadClassDeref: "load",
	bytecode.UnpackSequence: "unpack", bytecode.UnpackEx: "unpack",
	bytecode.GetIter: "iter", bytecode.FormatValue: "format",
	bytecode.ImportName: "import", bytecode.ImportFrom: "import_from", bytecode.RaiseVarargs: "raise",
}

var cmpNames = map[bytecode.CmpOp]string{
	bytecode.CmpLT: "<", bytecode.CmpLE: "<=", bytecode.CmpEQ: "==",
	bytecode.CmpNE: "!=", bytecode.CmpGT: ">", bytecode.CmpGE: ">=",
}

// positionRows lists code's instructions that can raise as
// positions_expected.py lists CPython's, code object by code object.
func positionRows(code *bytecode.Code, out *[]string) {
	rows := map[string]bool{}
	for i, in := range code.Instrs {
		var k string
		switch in.Op {
		case bytecode.BinaryOp:
			k = "binop " + bytecode.BinOp(in.Arg).String()
		case bytecode.CompareOp:
			k = "compare COMPARE_OP " + cmpNames[bytecode.CmpOp(in.Arg)]
		case bytecode.IsOp:
			k = fmt.Sprintf("compare IS_OP %d", in.Arg)
		case bytecode.ContainsOp:
			k = fmt.Sprintf("compare CONTAINS_OP %d", in.Arg)
		default:
			k = positionKinds[in.Op]
		}
		if k == "" || len(code.Positions) == 0 {
			continue
		}
		p := code.Positions[i]
		if p == (bytecode.Position{}) {
			continue
		}
		rows[fmt.Sprintf("%s %d %d %d %d", k, p.Line, p.Col, p.EndLine, p.EndCol)] = true
	}
	qual := code.QualName
	if qual == "" {
		qual = code.Name
	}
	*out = append(*out, fmt.Sprintf("code %s %d", qual, code.FirstLine))
	sorted := make([]string, 0, len(rows))
	for r := range rows {
		sorted = append(sorted, r)
	}
	sort.Strings(sorted)
	*out = append(*out, sorted...)
	for _, k := range code.Consts {
		if c, ok := k.(*bytecode.Code); ok {
			positionRows(c, out)
		}
	}
}

// positionExceptions are the rows where rwgil differs from CPython on
// purpose (docs/python.md): zero-argument super() is a call in rwgil
// (CPython's LOAD_SUPER_ATTR has none), and rwgil never evaluates
// annotations.
func positionException(row string, src []byte) bool {
	var kind string
	var l, c, el, ec int
	f := strings.Fields(row)
	if len(f) < 5 {
		return false
	}
	kind = strings.Join(f[:len(f)-4], " ")
	fmt.Sscan(strings.Join(f[len(f)-4:], " "), &l, &c, &el, &ec)
	lines := strings.Split(string(src), "\n")
	if l != el || l < 1 || l > len(lines) || ec > len(lines[l-1]) {
		return false
	}
	text := lines[l-1][c:ec]
	return kind == "call" && text == "super()"
}

// TestPositionsMatchCPython compares the source positions of every
// instruction that can raise -- where a traceback's carets go -- with
// CPython 3.12's, code object by code object (testdata/positions, made
// by python3.12 testdata/positions_expected.py).
func TestPositionsMatchCPython(t *testing.T) {
	files, _ := filepath.Glob("testdata/positions/*.py")
	if len(files) == 0 {
		t.Fatal("no testdata/positions programs")
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".pos")
		if err != nil {
			t.Fatalf("%v (run python3.12 testdata/positions_expected.py)", err)
		}
		code, err := Compile(filepath.Base(path), src)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var got []string
		positionRows(code, &got)
		wantSet, gotSet := map[string]bool{}, map[string]bool{}
		for _, r := range strings.Split(strings.TrimSpace(string(want)), "\n") {
			wantSet[r] = true
		}
		for _, r := range got {
			gotSet[r] = true
		}
		for _, r := range got {
			if !wantSet[r] && !positionException(r, src) {
				t.Errorf("%s: rwgil has %q, CPython does not", path, r)
			}
		}
		for _, r := range strings.Split(strings.TrimSpace(string(want)), "\n") {
			if !gotSet[r] {
				t.Errorf("%s: CPython has %q, rwgil does not", path, r)
			}
		}
	}
}
