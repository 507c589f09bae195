package bytecode

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
)

func ins(op Op, arg int32) Instr { return Instr{Op: op, Arg: arg} }

// fn returns a function code object with the given instructions; tables
// are filled in by the caller.
func fn(name string, instrs ...Instr) *Code {
	return &Code{Name: name, Filename: "t.rwa", Instrs: instrs}
}

func with(c *Code, edit func(*Code)) *Code {
	edit(c)
	return c
}

var retNone = []Instr{ins(LoadConst, 0), ins(ReturnValue, 0)}

func TestValidateErrors(t *testing.T) {
	self := fn("self", ins(LoadConst, 0), ins(ReturnValue, 0))
	self.Consts = []Const{self}
	a, b := fn("a", ins(LoadConst, 0), ins(ReturnValue, 0)), fn("b", ins(LoadConst, 0), ins(ReturnValue, 0))
	a.Consts, b.Consts = []Const{b}, []Const{Tuple{a}}
	cyclic := Tuple{nil}
	cyclic[0] = cyclic
	deep := fn("leaf", ins(LoadConst, 0), ins(ReturnValue, 0))
	deep.Consts = []Const{nil}
	for range MaxNesting + 1 {
		deep = with(fn("outer", ins(LoadConst, 0), ins(ReturnValue, 0)), func(c *Code) { c.Consts = []Const{deep} })
	}
	deepTuple := Const(int64(1))
	for range MaxNesting + 1 {
		deepTuple = Tuple{deepTuple}
	}
	badNested := fn("inner", ins(PopTop, 0), ins(LoadConst, 0), ins(ReturnValue, 0))
	badNested.Consts = []Const{nil}

	tests := []struct {
		name  string
		code  *Code
		index int    // expected CodeError.Index
		in    string // expected CodeError.Code.Name
		msg   string // expected prefix of CodeError.Msg
	}{
		{"nil code", nil, -1, "", "nil code object"},
		{"locals shorter than params", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.Params, c.Locals, c.Consts = []string{"a"}, nil, []Const{nil}
		}), -1, "f", "0 locals but 1 parameters: expected Locals to start with Params"},
		{"locals do not start with params", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.Params, c.Locals, c.Consts = []string{"a", "b"}, []string{"a", "c", "b"}, []Const{nil}
		}), -1, "f", `local 1 is "c" but parameter 1 is "b"`},
		{"varargs without params", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.VarArgs, c.Consts = true, []Const{nil}
		}), -1, "f", "VarArgs with no parameters"},
		{"posonly beyond the parameters", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.Params, c.Locals, c.PosOnly, c.VarArgs, c.Consts = []string{"a", "r"}, []string{"a", "r"}, 2, true, []Const{nil}
		}), -1, "f", "PosOnly 2 with 1 positional parameters: expected 0 to 1 (the *rest parameter is not one)"},
		{"negative posonly", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.PosOnly, c.Consts = -1, []Const{nil} }),
			-1, "f", "PosOnly -1 with 0 positional parameters"},
		{"kwonly missing from locals", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.Params, c.KwOnly, c.Locals, c.Consts = []string{"a"}, []string{"k"}, []string{"a"}, []Const{nil}
		}), -1, "f", "1 locals but 1 parameters and 1 keyword-only ones: expected Locals to hold them all"},
		{"kwonly out of place", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.Params, c.KwOnly, c.Locals, c.Consts = []string{"a"}, []string{"k"}, []string{"a", "x", "k"}, []Const{nil}
		}), -1, "f", `local 1 is "x" but keyword-only parameter 0 is "k": expected Locals to continue with KwOnly after Params`},
		{"varkeywords without a local", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.KwOnly, c.Locals, c.VarKeywords, c.Consts = []string{"k"}, []string{"k"}, true, []Const{nil}
		}), -1, "f", "VarKeywords with no local after the parameters"},
		{"positions of another length", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.Positions, c.Consts = []Position{{}, {}}, []Const{nil}
		}), -1, "f", "2 positions for 1 instructions: expected none or one per instruction"},
		{"position on another line", with(fn("f", Instr{Op: ReturnConst, Line: 4}), func(c *Code) {
			c.Positions, c.Consts = []Position{{3, 0, 3, 1}}, []Const{nil}
		}), 0, "f", "position starts on line 3 but the instruction is on line 4"},
		{"position with a negative column", with(fn("f", Instr{Op: ReturnConst, Line: 4}), func(c *Code) {
			c.Positions, c.Consts = []Position{{4, -1, 4, 1}}, []Const{nil}
		}), 0, "f", "position 4:-1-4:1 has a negative column"},
		{"position ending on an earlier line", with(fn("f", Instr{Op: ReturnConst, Line: 4}), func(c *Code) {
			c.Positions, c.Consts = []Position{{4, 0, 3, 9}}, []Const{nil}
		}), 0, "f", "position 4:0-3:9 ends before it starts"},
		{"duplicate cell", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.Cells, c.Consts = []string{"x", "x"}, []Const{nil} }),
			-1, "f", `cell "x" appears twice (cells 0 and 1)`},
		{"cell and local", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.Params, c.Locals, c.Cells, c.Consts = []string{"a"}, []string{"a", "x"}, []string{"a", "x"}, []Const{nil}
		}), -1, "f", `cell "x" is also local 1, which is not a parameter`},
		{"duplicate free variable", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.Free, c.Consts = []string{"x", "x"}, []Const{nil} }),
			-1, "f", `free variable "x" appears twice (free 0 and 1)`},
		{"free and cell", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.Cells, c.Free, c.Consts = []string{"x"}, []string{"x"}, []Const{nil}
		}), -1, "f", `free variable "x" is also cell 0: expected Cells and Free to be disjoint`},
		{"free and parameter", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.Params, c.Locals, c.Free, c.Consts = []string{"x"}, []string{"x"}, []string{"x"}, []Const{nil}
		}), -1, "f", `free variable "x" is also local 0`},
		{"duplicate local", with(fn("f", ins(ReturnConst, 0)), func(c *Code) {
			c.Params, c.Locals, c.Consts = []string{"a"}, []string{"a", "x", "a"}, []Const{nil}
		}), -1, "f", `local "a" appears twice (locals 0 and 2)`},
		{"duplicate name", with(fn("f", ins(LoadGlobal, 0), ins(LoadGlobal, 1), ins(ReturnValue, 0)), func(c *Code) {
			c.Names = []string{"x", "x"}
		}), -1, "f", `name "x" appears twice`},
		{"go int constant", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{1} }),
			-1, "f", "constant 0: a Go value of a type that is not a constant kind"},
		{"big int that fits int64", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{big.NewInt(5)} }),
			-1, "f", "constant 0: *big.Int 5 fits int64"},
		{"nil big int", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{(*big.Int)(nil)} }),
			-1, "f", "constant 0: nil *big.Int"},
		{"huge big int", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{new(big.Int).Lsh(big.NewInt(1), MaxIntBits)} }),
			-1, "f", "constant 0: integer constant too large"},
		{"nil code constant", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{(*Code)(nil)} }),
			-1, "f", "constant 0: nil *Code"},
		{"tuple too deep", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{deepTuple} }),
			-1, "f", "constant 0: tuples nested too deep"},
		{"tuple containing itself", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{cyclic} }),
			-1, "f", "constant 0: tuples nested too deep"},
		{"duplicate constant", with(fn("f", ins(LoadConst, 0), ins(ReturnConst, 1)), func(c *Code) { c.Consts = []Const{"a", "a"} }),
			-1, "f", "constants 0 and 1 are equal"},
		{"duplicate NaN", with(fn("f", ins(LoadConst, 0), ins(ReturnConst, 1)), func(c *Code) { c.Consts = []Const{math.NaN(), math.NaN()} }),
			-1, "f", "constants 0 and 1 are equal"},
		{"no instructions", fn("f"), -1, "f", "no instructions"},
		{"undefined opcode", fn("f", ins(NumOps, 0)), 0, "f", "undefined opcode"},
		{"operand on NOP", fn("f", ins(Nop, 3), ins(ReturnValue, 0)), 0, "f", "operand 3 on an opcode that takes none"},
		{"const index out of range", fn("f", ins(ReturnConst, 0)), 0, "f", "constant index 0 out of range: the table is empty"},
		{"local index out of range", with(fn("f", ins(LoadFast, 1), ins(ReturnValue, 0)), func(c *Code) { c.Locals = []string{"x"} }),
			0, "f", "local index 1 out of range: expected 0 to 0"},
		{"negative name index", with(fn("f", ins(LoadGlobal, -1), ins(ReturnValue, 0)), func(c *Code) { c.Names = []string{"x"} }),
			0, "f", "name index -1 out of range"},
		{"jump out of range", fn("f", ins(JumpForward, 5)), 0, "f", "jump target index 5 out of range"},
		{"JUMP_FORWARD backward", fn("f", ins(Nop, 0), ins(JumpForward, 0)), 1, "f", "target 0 is not after the instruction"},
		{"JUMP_FORWARD to itself", fn("f", ins(JumpForward, 0)), 0, "f", "target 0 is not after the instruction"},
		{"JUMP_BACKWARD forward", fn("f", ins(JumpBackward, 1), ins(Nop, 0)), 0, "f", "target 1 is after the instruction"},
		{"conditional jump backward", with(fn("f", ins(LoadConst, 0), ins(PopJumpIfTrue, 0), ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			1, "f", "target 0 is not after the instruction: expected a target after 1 (only JUMP_BACKWARD may go back)"},
		{"SETUP_EXCEPT backward", fn("f", ins(Nop, 0), ins(SetupExcept, 0)), 1, "f", "target 0 is not after"},
		{"COPY 0", fn("f", ins(Copy, 0)), 0, "f", "count 0: expected at least 1"},
		{"SWAP 1", fn("f", ins(Swap, 1)), 0, "f", "count 1: expected at least 2"},
		{"LIST_APPEND 0", fn("f", ins(ListAppend, 0)), 0, "f", "count 0: expected at least 1"},
		{"negative CALL", fn("f", ins(Call, -1)), 0, "f", "count -1: expected at least 0"},
		{"RAISE_VARARGS 3", fn("f", ins(RaiseVarargs, 3)), 0, "f", "count 3: expected 0 to 2"},
		{"CALL_EX 2", fn("f", ins(CallEx, 2)), 0, "f", "flag 2: expected 0 to 1"},
		{"IS_OP 2", fn("f", ins(IsOp, 2)), 0, "f", "flag 2: expected 0 to 1"},
		{"MAKE_FUNCTION 8", fn("f", ins(MakeFunction, 8)), 0, "f", "flag 8: expected 0 to 7"},
		{"cell operand with no cells", fn("f", ins(LoadDeref, 0)), 0, "f", "cell index 0 out of range: the code has no cells or free variables"},
		{"cell operand out of range", with(fn("f", ins(LoadClosure, 2)), func(c *Code) { c.Cells, c.Free = []string{"a"}, []string{"b"} }),
			0, "f", "cell index 2 out of range: expected 0 to 1 (1 cells, then 1 free variables)"},
		{"MAKE_CELL of a free variable", with(fn("f", ins(MakeCell, 1), ins(ReturnConst, 0)), func(c *Code) {
			c.Cells, c.Free, c.Consts = []string{"a"}, []string{"b"}, []Const{nil}
		}), 0, "f", "cell index 1 is a free variable: expected one of the code's 1 cells"},
		{"BUILD_SLICE 1", fn("f", ins(BuildSlice, 1)), 0, "f", "count 1: expected 2 to 3"},
		{"FORMAT_VALUE 8", fn("f", ins(FormatValue, 8)), 0, "f", "flag 8: expected 0 to 7"},
		{"UNPACK_EX too large", fn("f", ins(UnpackEx, 0x10000)), 0, "f", "count 65536: expected 0 to 65535"},
		{"YIELD_FROM outside a generator", with(fn("f", ins(LoadConst, 0), ins(LoadConst, 0), ins(YieldFrom, 0), ins(ReturnValue, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			2, "f", "in a code object that is not a generator"},
		{"yield underflow", with(fn("f", ins(YieldValue, 0), ins(ReturnValue, 0)), func(c *Code) { c.Generator = true }),
			0, "f", "stack underflow: expected at least 1 items on the stack, got 0"},
		{"LIST_EXTEND reaching too deep", with(fn("f", ins(BuildList, 0), ins(LoadConst, 0), ins(ListExtend, 2), ins(ReturnValue, 0)), func(c *Code) { c.Consts = []Const{Tuple{}} }),
			2, "f", "stack underflow: expected at least 3 items on the stack, got 2"},
		{"MAP_ADD under a block", with(fn("f", ins(BuildMap, 0), ins(SetupExcept, 6), ins(LoadConst, 0), ins(LoadConst, 0), ins(MapAdd, 1), ins(ReturnValue, 0), ins(Reraise, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			4, "f", "pops below depth 1, where the SETUP_EXCEPT at 1 set up its block"},
		{"binop out of range", fn("f", ins(BinaryOp, int32(NumBinOps))), 0, "f", "binop 26: expected 0 to 25"},
		{"cmpop out of range", fn("f", ins(CompareOp, -1)), 0, "f", "cmpop -1: expected 0 to 5"},
		{"constants out of order", with(fn("f", ins(LoadConst, 1), ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{nil, true} }),
			0, "f", "first use of constant 1 before constant 0: expected Consts in order of first use"},
		{"unused constant", with(fn("f", ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{nil, "spare"} }),
			-1, "f", "constant 1 (str) is never used"},
		{"names out of order", with(fn("f", ins(LoadGlobal, 1), ins(LoadGlobal, 0), ins(ReturnValue, 0)), func(c *Code) { c.Names = []string{"a", "b"} }),
			0, "f", "first use of name 1 before name 0: expected Names in order of first use"},
		{"unused name", with(fn("f", ins(LoadGlobal, 0), ins(ReturnValue, 0)), func(c *Code) { c.Names = []string{"a", "b"} }),
			-1, "f", `name 1 ("b") is never used`},
		{"KW_NAMES of a string", with(fn("f", ins(LoadGlobal, 0), ins(LoadConst, 0), ins(KwNames, 0), ins(Call, 1), ins(ReturnValue, 0)), func(c *Code) {
			c.Names, c.Consts = []string{"g"}, []Const{"k"}
		}), 2, "f", "constant is a str: expected a tuple of keyword names"},
		{"KW_NAMES of ints", with(fn("f", ins(LoadGlobal, 0), ins(LoadConst, 0), ins(KwNames, 1), ins(Call, 1), ins(ReturnValue, 0)), func(c *Code) {
			c.Names, c.Consts = []string{"g"}, []Const{int64(1), Tuple{int64(1)}}
		}), 2, "f", "keyword name is a int: expected a tuple of strings"},
		{"KW_NAMES duplicate", with(fn("f", ins(LoadGlobal, 0), ins(LoadConst, 0), ins(Copy, 1), ins(KwNames, 1), ins(Call, 2), ins(ReturnValue, 0)), func(c *Code) {
			c.Names, c.Consts = []string{"g"}, []Const{nil, Tuple{"k", "k"}}
		}), 3, "f", `keyword name "k" appears twice`},
		{"KW_NAMES not before a call", with(fn("f", ins(KwNames, 0), ins(ReturnConst, 1)), func(c *Code) {
			c.Consts = []Const{Tuple{"k"}, nil}
		}), 0, "f", "not followed by a call: expected CALL or CALL_METHOD next"},
		{"KW_NAMES at the end", with(fn("f", ins(ReturnConst, 0), ins(KwNames, 1)), func(c *Code) {
			c.Consts = []Const{nil, Tuple{"k"}}
		}), 1, "f", "not followed by a call"},
		{"KW_NAMES longer than the call", with(fn("f", ins(LoadGlobal, 0), ins(LoadConst, 0), ins(KwNames, 1), ins(Call, 1), ins(ReturnValue, 0)), func(c *Code) {
			c.Names, c.Consts = []string{"g"}, []Const{nil, Tuple{"a", "b"}}
		}), 2, "f", "2 keyword names for a call with 1 arguments: expected at most 1"},
		{"call after KW_NAMES is a jump target", with(fn("f",
			ins(LoadGlobal, 0), ins(LoadConst, 0), ins(LoadConst, 1), ins(PopJumpIfTrue, 5), ins(KwNames, 2), ins(Call, 1), ins(ReturnValue, 0)), func(c *Code) {
			c.Names, c.Consts = []string{"g"}, []Const{nil, true, Tuple{"a"}}
		}), 5, "f", "a jump target right after KW_NAMES"},
		{"MAKE_FUNCTION first", with(fn("f", ins(MakeFunction, 0), ins(ReturnValue, 0)), func(c *Code) {}), 0, "f", "not preceded by LOAD_CONST"},
		{"MAKE_FUNCTION of a string", with(fn("f", ins(LoadConst, 0), ins(MakeFunction, 0), ins(ReturnValue, 0)), func(c *Code) { c.Consts = []Const{"src"} }),
			1, "f", "the preceding LOAD_CONST loads a str: expected a code object"},
		{"MAKE_FUNCTION as a jump target", with(fn("f",
			ins(LoadConst, 0), ins(PopJumpIfTrue, 3), ins(LoadConst, 1), ins(MakeFunction, 0), ins(ReturnValue, 0)), func(c *Code) {
			c.Consts = []Const{true, with(fn("g", retNone...), func(g *Code) { g.Consts = []Const{nil} })}
		}), 3, "f", "a jump target: expected MAKE_FUNCTION to be reached only from its LOAD_CONST"},
		{"underflow", fn("f", ins(PopTop, 0)), 0, "f", "stack underflow: expected at least 1 items on the stack, got 0"},
		{"underflow in CALL", with(fn("f", ins(LoadGlobal, 0), ins(Call, 1), ins(ReturnValue, 0)), func(c *Code) { c.Names = []string{"g"} }),
			1, "f", "stack underflow: expected at least 2 items on the stack, got 1"},
		{"underflow in BUILD_MAP", with(fn("f", ins(LoadConst, 0), ins(Copy, 1), ins(BuildMap, 2), ins(ReturnValue, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			2, "f", "stack underflow: expected at least 4 items"},
		{"pop below the block base", with(fn("f", ins(LoadConst, 0), ins(SetupExcept, 4), ins(PopTop, 0), ins(ReturnConst, 0), ins(ReturnValue, 0)), func(c *Code) {
			c.Consts = []Const{nil}
		}), 2, "f", "pops below depth 1, where the SETUP_EXCEPT at 1 set up its block"},
		{"different stack depths", with(fn("f",
			ins(LoadConst, 0), ins(PopJumpIfTrue, 3), ins(LoadConst, 0), ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			3, "f", "reached from instruction 2 with stack depth 1, 0 open blocks, 0 exceptions being handled, but from instruction 1 with stack depth 0"},
		{"different block depths", with(fn("f",
			ins(LoadConst, 0), ins(PopJumpIfTrue, 3), ins(SetupExcept, 4), ins(ReturnConst, 0), ins(Reraise, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			3, "f", "reached from instruction 2 with stack depth 0, 1 open blocks"},
		{"handler not ended on one path", with(fn("f",
			ins(SetupExcept, 3), ins(PopBlock, 0), ins(JumpForward, 4), ins(PopTop, 0), ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			4, "f", "reached from instruction 2 with stack depth 0, 0 open blocks, 0 exceptions being handled, but from instruction 3 with stack depth 0, 0 open blocks, 1 exceptions"},
		{"falls off the end", with(fn("f", ins(LoadConst, 0), ins(PopTop, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			1, "f", "falls off the end of the code"},
		{"jump target falls off the end", with(fn("f", ins(LoadConst, 0), ins(PopJumpIfTrue, 3), ins(ReturnConst, 0), ins(Nop, 0)), func(c *Code) {
			c.Consts = []Const{nil}
		}), 3, "f", "falls off the end of the code"},
		{"POP_BLOCK with no block", with(fn("f", ins(PopBlock, 0), ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			0, "f", "no open block"},
		{"POP_EXCEPT outside a handler", with(fn("f", ins(PopExcept, 0), ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			0, "f", "no exception is being handled"},
		{"POP_EXCEPT of an outer handler inside a block", with(fn("f",
			ins(SetupExcept, 5), ins(PopBlock, 0), ins(ReturnConst, 0),
			ins(Nop, 0), ins(Nop, 0),
			ins(PopTop, 0), ins(SetupExcept, 9), ins(PopExcept, 0), ins(ReturnConst, 0),
			ins(Reraise, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			7, "f", "ends a handler entered outside the block of the SETUP_EXCEPT at 6"},
		{"stack too deep", with(fn("f", ins(LoadConst, 0), ins(UnpackSequence, MaxStackSize+1), ins(ReturnValue, 0)), func(c *Code) { c.Consts = []Const{nil} }),
			1, "f", "stack depth 1048577: expected at most 1048576"},
		{"closure flag without free variables", with(fn("f", ins(LoadConst, 0), ins(LoadConst, 1), ins(MakeFunction, MakeFunctionClosure), ins(ReturnValue, 0)), func(c *Code) {
			c.Consts = []Const{Tuple{}, with(fn("g", retNone...), func(g *Code) { g.Consts = []Const{nil} })}
		}), 2, "f", `closure flag set, but code "g" has no free variables`},
		{"free variables without the closure flag", with(fn("f", ins(LoadConst, 0), ins(MakeFunction, 0), ins(ReturnValue, 0)), func(c *Code) {
			c.Consts = []Const{with(fn("g", ins(LoadDeref, 0), ins(ReturnValue, 0)), func(g *Code) { g.Free = []string{"x"} })}
		}), 1, "f", `code "g" has 1 free variables but the closure flag is clear`},
		{"code containing itself", self, 0, "self", `constant 0 contains code object "self", which contains this one`},
		{"codes containing each other", a, 0, "b", `constant 0 contains code object "a", which contains this one`},
		{"invalid nested code", with(fn("outer", ins(LoadConst, 0), ins(MakeFunction, 0), ins(ReturnValue, 0)), func(c *Code) { c.Consts = []Const{badNested} }),
			0, "inner", "stack underflow"},
		{"code objects too deep", deep, -1, "leaf", "code objects nested too deep"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.code.SetSizes()
			var ce *CodeError
			if !errors.As(err, &ce) {
				t.Fatalf("expected a *CodeError with message %q, got %v", tc.msg, err)
			}
			gotIn := ""
			if ce.Code != nil {
				gotIn = ce.Code.Name
			}
			if ce.Index != tc.index || gotIn != tc.in || !strings.HasPrefix(ce.Msg, tc.msg) {
				t.Fatalf("expected code %q, index %d, message %q...\n     got code %q, index %d, message %q", tc.in, tc.index, tc.msg, gotIn, ce.Index, ce.Msg)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("Error() %q does not contain the message", err.Error())
			}
		})
	}
}

// TestValidateSizes checks StackSize and BlockSize on small programs.
func TestValidateSizes(t *testing.T) {
	tests := []struct {
		name         string
		src          string
		stack, block int32
	}{
		{"return None", "module\n RETURN_CONST None\nend\n", 0, 0},
		{"call", "module\n LOAD_NAME f\n LOAD_CONST 1\n LOAD_CONST 2\n CALL 2\n RETURN_VALUE\nend\n", 3, 0},
		{"method call", "module\n LOAD_NAME o\n LOAD_METHOD m\n LOAD_CONST 1\n CALL_METHOD 1\n RETURN_VALUE\nend\n", 3, 0},
		{"for loop", `module
    BUILD_LIST 0
    LOAD_NAME xs
    GET_ITER
top:
    FOR_ITER done
    LOAD_CONST 1
    BINARY_OP +
    LIST_APPEND 2
    JUMP_BACKWARD top
done:
    RETURN_VALUE
end
`, 4, 0},
		{"nested try", `module
    LOAD_CONST 1
    SETUP_EXCEPT h1
    SETUP_EXCEPT h2
    LOAD_NAME x
    POP_TOP
    POP_BLOCK
    POP_BLOCK
    RETURN_VALUE
h2:
    POP_TOP
    POP_EXCEPT
    POP_BLOCK
    RETURN_VALUE
h1:
    RERAISE
end
`, 2, 2},
		{"unreachable code and return inside a block", `module
    SETUP_EXCEPT h
    RETURN_CONST None
    POP_TOP
    POP_TOP
h:
    RERAISE
end
`, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Assemble("t.rwa", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if c.StackSize != tc.stack || c.BlockSize != tc.block {
				t.Fatalf("expected StackSize %d, BlockSize %d; got %d, %d", tc.stack, tc.block, c.StackSize, c.BlockSize)
			}
		})
	}
}

// TestValidateSharedCode: a code object used by two parents (a DAG, not a
// cycle) is valid and validated once.
func TestValidateSharedCode(t *testing.T) {
	leaf := with(fn("leaf", ins(ReturnConst, 0)), func(c *Code) { c.Consts = []Const{nil} })
	mid := with(fn("mid", ins(LoadConst, 0), ins(MakeFunction, 0), ins(ReturnValue, 0)), func(c *Code) { c.Consts = []Const{leaf} })
	top := with(fn("<module>", ins(LoadConst, 0), ins(MakeFunction, 0), ins(LoadConst, 1), ins(MakeFunction, 0), ins(BuildTuple, 2), ins(ReturnValue, 0)), func(c *Code) {
		c.Consts = []Const{leaf, mid}
	})
	if err := top.Validate(); err == nil || !strings.Contains(err.Error(), "StackSize is 0 but the stack reaches depth 1") {
		t.Fatalf("expected Validate to refuse unsized code (and not to size it), got %v", err)
	}
	if top.StackSize != 0 || mid.StackSize != 0 {
		t.Fatalf("Validate wrote StackSize: %d, %d", top.StackSize, mid.StackSize)
	}
	if err := top.SetSizes(); err != nil {
		t.Fatalf("expected a valid DAG of code objects, got %v", err)
	}
	if err := top.Validate(); err != nil {
		t.Fatalf("expected the sized code to validate, got %v", err)
	}
	if top.StackSize != 2 || leaf.StackSize != 0 || mid.StackSize != 1 {
		t.Fatalf("expected StackSize 2, 1, 0; got %d, %d, %d", top.StackSize, mid.StackSize, leaf.StackSize)
	}
}
