package bytecode

import (
	"errors"
	"strings"
	"testing"
)

func TestBuilderMisuse(t *testing.T) {
	tests := []struct {
		name  string
		build func(b *Builder)
		want  string
	}{
		{"Emit with a const operand", func(b *Builder) { b.Emit(LoadConst, 0) }, `Emit(LOAD_CONST): use the Emit method for const operands`},
		{"EmitConst on a name op", func(b *Builder) { b.EmitConst(LoadName, nil) }, `EmitConst(LOAD_NAME): not a const operand`},
		{"EmitConst of a Go int", func(b *Builder) { b.EmitConst(LoadConst, 3) }, `EmitConst(LOAD_CONST): a Go value of a type that is not a constant kind`},
		{"EmitName on a local op", func(b *Builder) { b.EmitName(LoadFast, "x") }, `EmitName(LOAD_FAST): not a name operand`},
		{"EmitLocal on a name op", func(b *Builder) { b.EmitLocal(LoadName, "x") }, `EmitLocal(LOAD_NAME): not a local operand`},
		{"EmitJump on a call", func(b *Builder) { b.EmitJump(Call, b.NewLabel()) }, `EmitJump(CALL): not a jump operand`},
		{"label bound twice", func(b *Builder) { l := b.NewLabel(); b.Bind(l); b.Bind(l) }, `Bind: label 0 bound twice`},
		{"unknown label", func(b *Builder) { b.Bind(7) }, `Bind: unknown label 7`},
		{"unbound label", func(b *Builder) { b.EmitJump(JumpForward, b.NewLabel()) }, `label 0 used by instruction 0 is never bound`},
		{"params after locals", func(b *Builder) { b.AddLocal("x"); b.SetParams(false, "a") }, `SetParams after locals were declared`},
		{"Emit with a cell operand", func(b *Builder) { b.Emit(LoadDeref, 0) }, `Emit(LOAD_DEREF): use the Emit method for cell operands`},
		{"EmitCell on a local op", func(b *Builder) { b.AddCell("x"); b.EmitCell(LoadFast, "x") }, `EmitCell(LOAD_FAST): not a cell operand`},
		{"EmitCell of an undeclared variable", func(b *Builder) { b.EmitCell(LoadDeref, "x"); b.Emit(PopTop, 0) }, `EmitCell(LOAD_DEREF): "x" is neither a cell nor a free variable`},
		{"kwonly after locals", func(b *Builder) { b.AddLocal("x"); b.SetKwOnly("k") }, `SetKwOnly after locals other than the parameters were declared`},
		{"varkw after locals", func(b *Builder) { b.SetParams(false, "a"); b.AddLocal("x"); b.SetVarKeywords("kw") }, `SetVarKeywords after locals other than the parameters were declared`},
		{"posonly beyond the parameters", func(b *Builder) { b.SetParams(false, "a"); b.SetPosOnly(2) }, `SetPosOnly(2) with 1 parameters`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder("f", "t.rwa")
			tc.build(b)
			b.EmitConst(ReturnConst, nil)
			_, err := b.Build()
			want := `bytecode.Builder "f": ` + tc.want
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("expected %q, got %v", want, err)
			}
		})
	}
	// Build validates.
	b := NewBuilder("f", "t.rwa")
	b.Emit(PopTop, 0)
	_, err := b.Build()
	var ce *CodeError
	if !errors.As(err, &ce) || ce.Index != 0 {
		t.Fatalf("expected a CodeError at instruction 0, got %v", err)
	}
}

func TestBuilderCanonical(t *testing.T) {
	b := NewBuilder("f", "t.rwa")
	b.SetFirstLine(10)
	b.SetParams(true, "self", "rest")
	b.SetLine(11)
	b.EmitName(LoadGlobal, "g")
	b.EmitLocal(LoadFast, "tmp")
	b.EmitConst(LoadConst, "a")
	b.EmitConst(LoadConst, int64(1))
	b.EmitConst(LoadConst, 1.0)
	b.EmitConst(LoadConst, "a")
	b.EmitName(LoadGlobal, "g")
	b.SetLine(12)
	b.Emit(BuildTuple, 5)
	b.Emit(Call, 2)
	b.Emit(ReturnValue, 0)
	c, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	want := &Code{
		Name: "f", Filename: "t.rwa", FirstLine: 10, Params: []string{"self", "rest"}, VarArgs: true,
		Locals: []string{"self", "rest", "tmp"}, Names: []string{"g"}, Consts: []Const{"a", int64(1), 1.0},
		Instrs: []Instr{
			{LoadGlobal, 0, 11}, {LoadFast, 2, 11}, {LoadConst, 0, 11}, {LoadConst, 1, 11}, {LoadConst, 2, 11},
			{LoadConst, 0, 11}, {LoadGlobal, 0, 11}, {BuildTuple, 5, 12}, {Call, 2, 12}, {ReturnValue, 0, 12},
		},
		StackSize: 7,
	}
	if d := diffCode(want, c); d != "" {
		t.Fatal(d)
	}
}

// TestBuilderPythonFields: the fields of the Python front end, cell
// operands resolved after every cell and free variable is known, and
// positions per instruction.
func TestBuilderPythonFields(t *testing.T) {
	b := NewBuilder("g", "t.py")
	b.SetQualName("f.<locals>.g")
	b.SetGenerator(true)
	b.SetParams(true, "a", "b", "rest")
	b.SetPosOnly(1)
	b.SetKwOnly("k")
	b.SetVarKeywords("kw")
	b.SetPosition(Position{Line: 3, Col: 4, EndLine: 3, EndCol: 9})
	b.EmitCell(LoadDeref, "x") // a free variable, declared below
	b.EmitCell(LoadClosure, "a")
	b.AddCell("a")
	b.AddFree("x")
	b.SetLine(4)
	b.Emit(BuildTuple, 2)
	b.Emit(YieldValue, 0)
	b.Emit(ReturnValue, 0)
	c, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	want := &Code{
		Name: "g", Filename: "t.py", QualName: "f.<locals>.g", Generator: true,
		Params: []string{"a", "b", "rest"}, VarArgs: true, PosOnly: 1, KwOnly: []string{"k"}, VarKeywords: true,
		Locals: []string{"a", "b", "rest", "k", "kw"}, Cells: []string{"a"}, Free: []string{"x"},
		Instrs:    []Instr{{LoadDeref, 1, 3}, {LoadClosure, 0, 3}, {BuildTuple, 2, 4}, {YieldValue, 0, 4}, {ReturnValue, 0, 4}},
		Positions: []Position{{3, 4, 3, 9}, {3, 4, 3, 9}, {}, {}, {}},
		StackSize: 2,
	}
	if d := diffCode(want, c); d != "" {
		t.Fatal(d)
	}
	// No known position: no Positions at all.
	b = NewBuilder("f", "t.py")
	b.SetPosition(Position{})
	b.EmitConst(ReturnConst, nil)
	if c, err := b.Build(); err != nil || c.Positions != nil {
		t.Fatalf("expected no Positions, got %v (err %v)", c.Positions, err)
	}
}
