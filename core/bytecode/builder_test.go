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
