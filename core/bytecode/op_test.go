package bytecode

import (
	"testing"
)

func TestOpTable(t *testing.T) {
	seen := make(map[string]Op)
	for op := Op(0); op < NumOps; op++ {
		name := op.String()
		if name == "" || op.Info().Name != name {
			t.Fatalf("op %d: expected a name, got %q", op, name)
		}
		if other, dup := seen[name]; dup {
			t.Fatalf("ops %d and %d are both named %s", other, op, name)
		}
		seen[name] = op
		if back, ok := ParseOp(name); !ok || back != op {
			t.Fatalf("ParseOp(%q): expected %d, got %d, %v", name, op, back, ok)
		}
		info := op.Info()
		if info.Jump != (info.Operand == OperandJump) {
			t.Errorf("%s: Jump is %v but the operand is %s", op, info.Jump, info.Operand)
		}
		if (info.Operand == OperandCount || info.Operand == OperandFlag) != (info.MaxArg > 0) {
			t.Errorf("%s: MaxArg %d for a %s operand", op, info.MaxArg, info.Operand)
		}
	}
	if _, ok := ParseOp("load_fast"); ok {
		t.Errorf("expected ParseOp to be case sensitive")
	}
	if got := Op(NumOps).String(); got != "Op(86)" {
		t.Errorf("expected Op(86), got %s", got)
	}
	if Op(NumOps).Valid() || Op(NumOps).Info().Name != "" {
		t.Errorf("expected Op(NumOps) to be undefined")
	}
	set := func(pred func(OpInfo) bool) map[Op]bool {
		m := make(map[Op]bool)
		for op := Op(0); op < NumOps; op++ {
			if pred(op.Info()) {
				m[op] = true
			}
		}
		return m
	}
	check := func(what string, got map[Op]bool, want ...Op) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: expected %v, got %v", what, want, got)
		}
		for _, op := range want {
			if !got[op] {
				t.Errorf("%s: expected %s among them, got %v", what, op, got)
			}
		}
	}
	check("safe points", set(func(i OpInfo) bool { return i.SafePoint }), Call, CallMethod, CallEx, JumpBackward)
	check("no fall-through", set(func(i OpInfo) bool { return i.NoFallThrough }), JumpForward, JumpBackward, ReturnValue, ReturnConst, RaiseVarargs, Reraise)
	check("jumps", set(func(i OpInfo) bool { return i.Jump }), ForIter, JumpForward, JumpBackward, PopJumpIfFalse, PopJumpIfTrue, PopJumpIfNone, PopJumpIfNotNone, SetupExcept)
}

// TestStackEffects pins every opcode's stack effect to the instruction
// table of docs/bytecode.md, for operand n = 3 (or 1 for flags).
func TestStackEffects(t *testing.T) {
	type eff struct{ pop, push int }
	want := map[Op]eff{
		Nop: {0, 0}, PopTop: {1, 0}, Copy: {3, 4}, Swap: {3, 3}, LoadConst: {0, 1},
		LoadFast: {0, 1}, StoreFast: {1, 0}, DeleteFast: {0, 0},
		LoadGlobal: {0, 1}, StoreGlobal: {1, 0}, DeleteGlobal: {0, 0},
		LoadName: {0, 1}, StoreName: {1, 0}, DeleteName: {0, 0},
		LoadAttr: {1, 1}, StoreAttr: {2, 0}, DeleteAttr: {1, 0}, LoadMethod: {1, 2},
		Call: {4, 1}, CallMethod: {5, 1}, CallEx: {3, 1}, KwNames: {0, 0},
		BinaryOp: {2, 1}, UnaryNegative: {1, 1}, UnaryPositive: {1, 1}, UnaryNot: {1, 1}, UnaryInvert: {1, 1},
		CompareOp: {2, 1}, IsOp: {2, 1}, ContainsOp: {2, 1},
		BinarySubscr: {2, 1}, StoreSubscr: {3, 0}, DeleteSubscr: {2, 0}, BinarySlice: {3, 1}, StoreSlice: {4, 0},
		BuildTuple: {3, 1}, BuildList: {3, 1}, BuildSet: {3, 1}, BuildMap: {6, 1}, ListAppend: {4, 3},
		UnpackSequence: {1, 3}, GetIter: {1, 1}, ForIter: {1, 2},
		JumpForward: {0, 0}, JumpBackward: {0, 0},
		PopJumpIfFalse: {1, 0}, PopJumpIfTrue: {1, 0}, PopJumpIfNone: {1, 0}, PopJumpIfNotNone: {1, 0},
		ReturnValue: {1, 0}, ReturnConst: {0, 0}, MakeFunction: {2, 1}, BuildClass: {3, 1},
		RaiseVarargs: {3, 0}, SetupExcept: {0, 0}, PopBlock: {0, 0}, CheckExcMatch: {2, 2},
		PopExcept: {0, 0}, Reraise: {1, 0}, ImportName: {0, 1}, ImportFrom: {1, 2},
		LoadDeref: {0, 1}, StoreDeref: {1, 0}, DeleteDeref: {0, 0}, LoadClosure: {0, 1}, LoadClassDeref: {0, 1},
		LoadBuildClass: {0, 1}, LoadAssertionError: {0, 1}, BuildSlice: {3, 1}, BuildString: {3, 1},
		FormatValue: {1, 1}, ListExtend: {4, 3}, ListToTuple: {1, 1}, SetAdd: {4, 3}, SetUpdate: {4, 3},
		MapAdd: {5, 3}, DictUpdate: {4, 3}, DictMerge: {4, 3}, UnpackEx: {1, 4},
		GetYieldFromIter: {1, 1}, YieldValue: {1, 1}, YieldFrom: {2, 1}, BeforeWith: {1, 2},
		WithExceptStart: {2, 3}, ImportStar: {1, 0}, MakeCell: {0, 0},
	}
	if len(want) != int(NumOps) {
		t.Fatalf("the table covers %d opcodes, expected %d", len(want), NumOps)
	}
	for op := Op(0); op < NumOps; op++ {
		arg := int32(3)
		if op.Info().Operand == OperandFlag {
			arg = 1
		}
		pop, push := Instr{Op: op, Arg: arg}.StackEffect(false)
		if (eff{pop, push}) != want[op] {
			t.Errorf("%s %d: expected pop %d push %d, got pop %d push %d", op, arg, want[op].pop, want[op].push, pop, push)
		}
	}
	jumps := map[Op]eff{ForIter: {1, 0}, SetupExcept: {0, 1}, PopJumpIfTrue: {1, 0}}
	for op, w := range jumps {
		if pop, push := (Instr{Op: op}).StackEffect(true); (eff{pop, push}) != w {
			t.Errorf("%s along the jump: expected pop %d push %d, got %d %d", op, w.pop, w.push, pop, push)
		}
	}
	if pop, push := (Instr{Op: CallEx, Arg: 0}).StackEffect(false); pop != 2 || push != 1 {
		t.Errorf("CALL_EX 0: expected pop 2 push 1, got %d %d", pop, push)
	}
	for arg, pop := range []int{1, 2, 2, 3, 2, 3, 3, 4} {
		if p, q := (Instr{Op: MakeFunction, Arg: int32(arg)}).StackEffect(false); p != pop || q != 1 {
			t.Errorf("MAKE_FUNCTION %d: expected pop %d push 1, got %d %d", arg, pop, p, q)
		}
	}
	if pop, push := (Instr{Op: UnpackEx, Arg: UnpackExArg(2, 3)}).StackEffect(false); pop != 1 || push != 6 {
		t.Errorf("UNPACK_EX 2,3: expected pop 1 push 6, got %d %d", pop, push)
	}
	if pop, push := (Instr{Op: FormatValue, Arg: FormatWithSpec | 2}).StackEffect(false); pop != 2 || push != 1 {
		t.Errorf("FORMAT_VALUE with a spec: expected pop 2 push 1, got %d %d", pop, push)
	}
	if pop, push := (Instr{Op: BuildTuple, Arg: -5}).StackEffect(false); pop < 0 || push < 0 {
		t.Errorf("expected no negative effect for an illegal operand, got %d %d", pop, push)
	}
}

// TestOperatorEncodings pins the BINARY_OP and COMPARE_OP encodings that
// docs/bytecode.md documents.
func TestOperatorEncodings(t *testing.T) {
	bin := []string{"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@",
		"+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@="}
	if len(bin) != int(NumBinOps) {
		t.Fatalf("expected %d binops, the table has %d", NumBinOps, len(bin))
	}
	for i, sym := range bin {
		b := BinOp(i)
		if b.String() != sym {
			t.Errorf("BinOp(%d): expected %q, got %q", i, sym, b.String())
		}
		if back, ok := ParseBinOp(sym); !ok || back != b {
			t.Errorf("ParseBinOp(%q): expected %d, got %d %v", sym, i, back, ok)
		}
		if b.InPlace() != (i >= int(NumBinaryOps)) || b.Base() != BinOp(i%int(NumBinaryOps)) {
			t.Errorf("BinOp(%d): InPlace %v Base %d", i, b.InPlace(), b.Base())
		}
	}
	cmp := []string{"<", "<=", "==", "!=", ">", ">="}
	for i, sym := range cmp {
		c := CmpOp(i)
		if c.String() != sym {
			t.Errorf("CmpOp(%d): expected %q, got %q", i, sym, c.String())
		}
		if back, ok := ParseCmpOp(sym); !ok || back != c {
			t.Errorf("ParseCmpOp(%q): expected %d, got %d %v", sym, i, back, ok)
		}
	}
	for _, bad := range []string{"", "<>", "===", "and"} {
		if _, ok := ParseBinOp(bad); ok {
			t.Errorf("ParseBinOp(%q) succeeded", bad)
		}
		if _, ok := ParseCmpOp(bad); ok {
			t.Errorf("ParseCmpOp(%q) succeeded", bad)
		}
	}
	if BinOp(26).Valid() || !BinOp(25).Valid() || BinOp(-1).String() != "BinOp(-1)" || CmpOp(6).Valid() || CmpOp(6).String() != "CmpOp(6)" {
		t.Errorf("expected out-of-range operators to be invalid")
	}
}

func TestConstEqual(t *testing.T) {
	f := &Code{Name: "f"}
	g := &Code{Name: "f"}
	cyclic := Tuple{nil}
	cyclic[0] = cyclic
	tests := []struct {
		a, b Const
		want bool
	}{
		{nil, nil, true},
		{int64(1), 1.0, false},
		{int64(1), true, false},
		{1.0, true, false},
		{0.0, negZero(), false},
		{negZero(), negZero(), true},
		{nan(0x7ff8000000000001), nan(0x7ff8000000000001), true},
		{nan(0x7ff8000000000001), nan(0x7ff8000000000002), false},
		{"a", "a", true},
		{"a", Tuple{"a"}, false},
		{Tuple{}, Tuple(nil), true},
		{Tuple{int64(1), Tuple{"x"}}, Tuple{int64(1), Tuple{"x"}}, true},
		{Tuple{int64(1)}, Tuple{1.0}, false},
		{bigInt("100000000000000000000"), bigInt("100000000000000000000"), true},
		{bigInt("100000000000000000000"), bigInt("100000000000000000001"), false},
		{f, f, true},
		{f, g, false},
		{1, 1, false}, // a Go int is not a constant
		{cyclic, cyclic, true},
	}
	for _, tc := range tests {
		if got := ConstEqual(tc.a, tc.b); got != tc.want {
			t.Errorf("ConstEqual(%s, %s): expected %v, got %v", showConst(tc.a), showConst(tc.b), tc.want, got)
		}
	}
}
