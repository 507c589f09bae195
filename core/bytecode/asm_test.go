package bytecode

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
)

// mod wraps instruction lines in a module block; the first of them is on
// line 2 of the file.
func mod(lines ...string) string {
	return "module\n" + strings.Join(lines, "\n") + "\nend\n"
}

func TestSyntaxErrors(t *testing.T) {
	deep := strings.Repeat("(", MaxNesting+1) + "1," + strings.Repeat(")", MaxNesting+1)
	tests := []struct {
		name, src string
		want      string // expected prefix of Error()
	}{
		{"empty file", "", `t.rwa:1:1: expected a module block ('module' ... 'end'), got none`},
		{"only comments", "; nothing\n\n   ; here\n", `t.rwa:1:1: expected a module block`},
		{"binary garbage", "\x00\xff\xfe", `t.rwa:1:1: expected 'module' or 'func' to start a block, got '\x00'`},
		{"instruction outside a block", "LOAD_CONST 1\n", `t.rwa:1:1: expected 'module' or 'func' to start a block, got "LOAD_CONST"`},
		{"end outside a block", mod("    RETURN_CONST None") + "end\n", `t.rwa:4:1: expected 'module' or 'func' to start a block, got "end"`},
		{"unknown opcode", mod("    LOAD_FAS x"), `t.rwa:2:5: expected an opcode, got "LOAD_FAS" (did you mean LOAD_FAST?)`},
		{"lower-case opcode", mod("  return_const None"), `t.rwa:2:3: expected an opcode, got "return_const" (did you mean RETURN_CONST?)`},
		{"unknown opcode far from any", mod("    FROBNICATE 3"), `t.rwa:2:5: expected an opcode, got "FROBNICATE"`},
		{"label without a colon", mod("loop"), `t.rwa:2:1: expected an opcode, got "loop" (a label is written "loop:")`},
		{"missing constant", mod("    LOAD_CONST"), `t.rwa:2:15: expected a constant operand after LOAD_CONST, got end of line`},
		{"missing constant before a comment", mod("    LOAD_CONST   ; one"), `t.rwa:2:18: expected a constant operand after LOAD_CONST, got a comment`},
		{"missing count", mod("    CALL"), `t.rwa:2:9: expected a count operand after CALL, got end of line`},
		{"operand on POP_TOP", mod("    POP_TOP 1"), `t.rwa:2:13: expected end of line after POP_TOP (it takes no operand), got '1'`},
		{"local given a number", mod("    LOAD_FAST 1"), `t.rwa:2:15: expected a local (a word or a quoted string), got '1'`},
		{"unknown local", mod("    LOAD_FAST y"), `t.rwa:2:15: expected a local declared in the parameters or 'locals', got unknown local "y"`},
		{"count given a word", mod("    CALL x"), `t.rwa:2:10: expected a count operand after CALL (an integer), got "x"`},
		{"count with junk", mod("    CALL 2x"), `t.rwa:2:10: expected a count operand after CALL (an integer), got "2x"`},
		{"count too large", mod("    CALL 3000000000"), `t.rwa:2:10: expected a count operand after CALL (an integer) from -2147483648 to 2147483647, got "3000000000"`},
		{"binop given a word", mod("    BINARY_OP add"), `t.rwa:2:15: expected a binary operator (+ - * / // % ** << >> & | ^ @, or an in-place form such as +=), got "add"`},
		{"bad binop", mod("    BINARY_OP +++"), `t.rwa:2:15: expected a binary operator`},
		{"bad cmpop", mod("    COMPARE_OP <>"), `t.rwa:2:16: expected a comparison (< <= == != > >=), got "<>"`},
		{"jump given a number", mod("    JUMP_FORWARD 3"), `t.rwa:2:18: expected a label after JUMP_FORWARD, got '3'`},
		{"name given a number", mod("    LOAD_NAME 3"), `t.rwa:2:15: expected a name (a word or a quoted string), got '3'`},
		{"junk after operand", mod("    LOAD_NAME x y"), `t.rwa:2:17: expected end of line after the operand of LOAD_NAME, got "y"`},
		{"undefined label", mod("    JUMP_FORWARD nowhere", "    RETURN_CONST None"), `t.rwa:2:18: undefined label "nowhere": expected a line "nowhere:" in the module block`},
		{"duplicate label", mod("a:", "    NOP", "a:", "    RETURN_CONST None"), `t.rwa:4:1: duplicate label "a" (first defined at line 2)`},
		{"label at the end", mod("    JUMP_FORWARD out", "out:"), `t.rwa:3:1: label "out" is at the end of the module block: expected an instruction after it`},
		{"junk after a label", mod("loop: NOP"), `t.rwa:2:7: expected end of line after label "loop", got "NOP"`},
		{"junk after end", "module\n    RETURN_CONST None\nend now\n", `t.rwa:3:5: expected end of line after 'end', got "now"`},
		{"missing end", "module\n    RETURN_CONST None\n", `t.rwa:1:1: expected 'end' to close the module block before the end of the file`},
		{"missing end of a func", mod("    RETURN_CONST @f") + "\n  func f()\n    RETURN_CONST None\n", `t.rwa:5:3: expected 'end' to close func f before the end of the file`},
		{"func inside a block", "module\n    RETURN_CONST None\nfunc f()\nend\n", `t.rwa:3:1: expected 'end' to close the module block (opened at line 1) before a new block`},
		{"second module", mod("    RETURN_CONST None") + mod("    RETURN_CONST None"), `t.rwa:4:1: expected one module block, got a second (the first is at line 1)`},
		{"junk after module", "module x\nend\n", `t.rwa:1:8: expected end of line after 'module', got "x"`},
		{"duplicate function", mod("    RETURN_CONST @f") + "func f()\n    RETURN_CONST None\nend\nfunc f()\n    RETURN_CONST None\nend\n",
			`t.rwa:7:6: duplicate function "f" (first defined at line 4): expected a new name`},
		{"undefined function", mod("    LOAD_CONST None", "    RETURN_CONST @g"), `t.rwa:3:18: undefined function @g: expected a block 'func g(...)'`},
		{"unused function", mod("    RETURN_CONST None") + "func lonely()\n    RETURN_CONST None\nend\n", `t.rwa:4:1: func lonely is never used: expected @lonely in a constant of the module or of a function it uses`},
		{"functions only using each other", mod("    RETURN_CONST None") + "func a()\n    RETURN_CONST @b\nend\nfunc b()\n    RETURN_CONST @a\nend\n", `t.rwa:4:1: func a is never used`},
		{"function name missing", "func (a)\nend\n", `t.rwa:1:6: expected a function name after 'func', got '('`},
		{"parameters missing", "func f\nend\n", `t.rwa:1:7: expected '(' and the parameters after the function name, got end of line`},
		{"duplicate parameter", mod("    RETURN_CONST @f") + "func f(a, b, a)\n", `t.rwa:4:14: duplicate parameter "a": expected distinct names`},
		{"**kwargs not last", mod("    RETURN_CONST @f") + "func f(**kw, a)\n", `t.rwa:4:14: expected ')' after **kw: the **kwargs parameter must be the last, got "a"`},
		{"two stars", mod("    RETURN_CONST @f") + "func f(*a, *b)\n", `t.rwa:4:12: expected one '*' or *rest in the parameters, got a second`},
		{"bare star before **kwargs", mod("    RETURN_CONST @f") + "func f(*, **kw)\n", `t.rwa:4:11: expected a keyword-only parameter after the bare '*', got **kw`},
		{"bare star last", mod("    RETURN_CONST @f") + "func f(*)\n", `t.rwa:4:9: expected a keyword-only parameter after the bare '*', got ')'`},
		{"slash first", mod("    RETURN_CONST @f") + "func f(/)\n", `t.rwa:4:8: expected a parameter before '/'`},
		{"two slashes", mod("    RETURN_CONST @f") + "func f(a, /, /)\n", `t.rwa:4:14: expected one '/' in the parameters, got a second`},
		{"slash after star", mod("    RETURN_CONST @f") + "func f(*a, /)\n", `t.rwa:4:12: expected '/' before '*': positional-only parameters come first`},
		{"varargs named like a parameter", mod("    RETURN_CONST @f") + "func f(a, *a)\n", `t.rwa:4:12: duplicate parameter "a": expected distinct names`},
		{"**kwargs without a name", mod("    RETURN_CONST @f") + "func f(**)\n", `t.rwa:4:10: expected the name of the **kwargs parameter (a word or a quoted string), got ')'`},
		{"duplicate cell", mod("    RETURN_CONST @f") + "func f(a)\n    cells x, x\n", `t.rwa:5:14: duplicate variable "x": expected the cells and free variables distinct from each other`},
		{"cell also free", mod("    RETURN_CONST @f") + "func f(a)\n    cells x\n    freevars y, x\n", `t.rwa:6:17: duplicate variable "x"`},
		{"unknown cell operand", mod("    RETURN_CONST @f") + "func f(a)\n    LOAD_DEREF y\n", `t.rwa:5:16: expected a variable declared in 'cells' or 'freevars', got unknown variable "y"`},
		{".pos without an end", mod("    RETURN_CONST @f") + "func f(a)\n    .pos 3:4\n", `t.rwa:5:13: expected '-' in .pos LINE:COL-ENDLINE:ENDCOL, got end of line`},
		{".pos without an end column", mod("    RETURN_CONST @f") + "func f(a)\n    .pos 3:4-5\n", `t.rwa:5:15: expected ':' in .pos LINE:COL-ENDLINE:ENDCOL, got end of line`},
		{".pos of a word", mod("    RETURN_CONST @f") + "func f(a)\n    .pos x\n", `t.rwa:5:10: expected the start line of .pos LINE:COL-ENDLINE:ENDCOL, got "x"`},
		{".generator late", mod("    RETURN_CONST @f") + "func f(a)\n    RETURN_CONST None\n    .generator\n", `t.rwa:6:5: expected .generator before the first instruction, label or .line of the block`},
		{".generator with an operand", mod("    RETURN_CONST @f") + "func f(a)\n    .generator 1\n", `t.rwa:5:16: expected end of line after .generator, got '1'`},
		{".qualname unquoted", mod("    RETURN_CONST @f") + "func f(a)\n    .qualname x\n", `t.rwa:5:15: expected a quoted string after .qualname, got "x"`},
		{"cells twice", mod("    RETURN_CONST @f") + "func f(a)\n    cells x\n    cells y\n", `t.rwa:6:5: expected one cells per block, got a second`},
		{"default in the header", mod("    RETURN_CONST @f") + "func f(a, b=1)\n", `t.rwa:4:12: expected ',' or ')' after a parameter, got '=' (defaults are not written in the header: MAKE_FUNCTION takes them as a tuple)`},
		{"unclosed parameters", mod("    RETURN_CONST @f") + "func f(a, b\n", `t.rwa:4:12: expected ')' to close the parameters opened at column 7, got end of line`},
		{"empty parameter", mod("    RETURN_CONST @f") + "func f(a, )\n", `t.rwa:4:11: expected a parameter name (a word or a quoted string), got ')'`},
		{"duplicate local", "module\n    locals x, y, x\n", `t.rwa:2:18: duplicate local "x": expected names distinct from each other and from the parameters`},
		{"local shadowing a parameter", "module(a)\n    locals a\n", `t.rwa:2:12: duplicate local "a"`},
		{"locals after an instruction", mod("    NOP", "    locals x"), `t.rwa:3:5: expected locals before the first instruction, label or .line of the block`},
		{"locals after .line", mod("    .line 3", "    locals x"), `t.rwa:3:5: expected locals before the first instruction`},
		{"two .name directives", mod(`    .name "a"`, `    .name "b"`), `t.rwa:3:5: expected one .name per block, got a second`},
		{"empty locals", "module\n    locals\n", `t.rwa:2:11: expected a local name (a word or a quoted string), got end of line`},
		{"unknown directive", mod("    .frobnicate 3"), `t.rwa:2:5: expected a directive (.line, .pos, .firstline, .name, .qualname, .doc, .filename, .generator), got ".frobnicate"`},
		{".line without a number", mod("    .line x"), `t.rwa:2:11: expected a line number after .line, got "x"`},
		{".line too large", mod("    .line 99999999999"), `t.rwa:2:11: expected a line number after .line from -2147483648 to 2147483647, got "99999999999"`},
		{".filename in the module", mod(`    .filename "x.py"`), `t.rwa:2:5: expected .filename only in a func block: the module's file name is the one given to Assemble`},
		{".name without a string", mod("    .name f"), `t.rwa:2:11: expected a quoted string after .name, got "f"`},
		{"unterminated string", mod(`    LOAD_CONST "abc`), `t.rwa:2:16: unterminated string: expected a closing '"' on the same line`},
		{"bad escape", mod(`    LOAD_CONST "a\qb"`), `t.rwa:2:18: expected a valid escape sequence (\n \t \\ \" \xHH \ooo \uHHHH \UHHHHHHHH ...), got "\\q"`},
		{"surrogate escape", mod(`    LOAD_CONST "\ud800"`), `t.rwa:2:17: expected a valid escape sequence`},
		{"single-quote escape", mod(`    LOAD_CONST "\'"`), `t.rwa:2:17: expected a valid escape sequence`},
		{"one-element tuple without comma", mod("    LOAD_CONST (1)"), `t.rwa:2:18: expected ',' after the only item of a one-element tuple: write (x,)`},
		{"tuple without commas", mod("    LOAD_CONST (1 2)"), `t.rwa:2:19: expected ',' or ')' in a tuple, got '2'`},
		{"unclosed tuple", mod("    LOAD_CONST (1,"), `t.rwa:2:19: expected ')' to close the tuple opened at column 16, got end of line`},
		{"empty tuple item", mod("    LOAD_CONST (1,,)"), `t.rwa:2:19: expected a constant (a number, string, b"bytes", None, True, False, Ellipsis, tuple or @function), got ','`},
		{"tuple too deep", mod("    LOAD_CONST " + deep), `t.rwa:2:116: expected tuples nested at most 100 deep, got deeper`},
		{"unknown word constant", mod("    LOAD_CONST none"), `t.rwa:2:16: expected a constant (a number, string, b"bytes", None, True, False, Ellipsis, tuple or @function), got "none"`},
		{"@ without a name", mod("    LOAD_CONST @ f"), `t.rwa:2:17: expected a function name after '@', got ' '`},
		{"two dots", mod("    LOAD_CONST 1.2.3"), `t.rwa:2:16: expected a float, got "1.2.3"`},
		{"bare 0x", mod("    LOAD_CONST 0x"), `t.rwa:2:16: expected an integer in base 16, got "0x"`},
		{"bad binary digit", mod("    LOAD_CONST 0b102"), `t.rwa:2:16: expected an integer in base 2, got "0b102"`},
		{"underscore in a number", mod("    LOAD_CONST 1_000"), `t.rwa:2:16: expected a number, got "1_000"`},
		{"letters after digits", mod("    LOAD_CONST 12abc"), `t.rwa:2:16: expected a number, got "12abc"`},
		{"float out of range", mod("    LOAD_CONST 1e999"), `t.rwa:2:16: expected a float within range (write inf for infinity), got "1e999"`},
		{"integer too large", mod("    LOAD_CONST 1" + strings.Repeat("0", 9900)), `t.rwa:2:16: expected an integer of at most 32768 bits, got one of 32888`},
		{"integer literal too long", mod("    LOAD_CONST " + strings.Repeat("1", 40000)), `t.rwa:2:16: expected an integer of at most 32768 bits, got a literal of 40000 digits`},
		{"signed nan", mod("    LOAD_CONST -nan"), `t.rwa:2:16: expected nan without a sign (write nan(0x...) for other NaN bits), got "-nan"`},
		{"nan bits of a number", mod("    LOAD_CONST nan(0x3ff0000000000000)"), `t.rwa:2:20: expected the bits of a NaN (exponent all ones, fraction not zero), got "0x3ff0000000000000"`},
		{"nan bits not hex", mod("    LOAD_CONST nan(12)"), `t.rwa:2:20: expected the 64 bits of a NaN in hexadecimal (nan(0x7ff8000000000001)), got "12"`},
		{"nan bits unclosed", mod("    LOAD_CONST nan(0x7ff8000000000001"), `t.rwa:2:38: expected ')' after the bits of nan(0x...), got end of line`},
		{"stray character", mod("    $"), `t.rwa:2:5: expected an instruction, a label, a directive or 'end', got '$'`},
		// Validate failures, at the offending instruction.
		{"stack underflow", mod("    NOP", "    POP_TOP", "    RETURN_CONST None"), `t.rwa:3:5: code "<module>": instruction 1 (POP_TOP): stack underflow: expected at least 1 items on the stack, got 0`},
		{"falls off the end", mod("    NOP"), `t.rwa:2:5: code "<module>": instruction 0 (NOP): falls off the end of the code`},
		{"count below minimum", mod("    COPY 0", "    RETURN_VALUE"), `t.rwa:2:5: code "<module>": instruction 0 (COPY 0): count 0: expected at least 1`},
		{"backward conditional jump", mod("top:", "    LOAD_CONST True", "    POP_JUMP_IF_TRUE top", "    RETURN_CONST None"),
			`t.rwa:4:5: code "<module>": instruction 1 (POP_JUMP_IF_TRUE 0): target 0 is not after the instruction`},
		{"JUMP_BACKWARD forward", mod("    JUMP_BACKWARD later", "later:", "    RETURN_CONST None"),
			`t.rwa:2:5: code "<module>": instruction 0 (JUMP_BACKWARD 1): target 1 is after the instruction`},
		{"KW_NAMES too long", mod("    LOAD_NAME f", `    KW_NAMES ("a",)`, "    CALL 0", "    RETURN_VALUE"),
			`t.rwa:3:5: code "<module>": instruction 1 (KW_NAMES 0): 1 keyword names for a call with 0 arguments: expected at most 0`},
		{"error in a function", mod("    LOAD_CONST @f", "    MAKE_FUNCTION 0", "    RETURN_VALUE") + "func f(x)\n    LOAD_FAST x\n    BINARY_OP +\n    RETURN_VALUE\nend\n",
			`t.rwa:8:5: code "f": instruction 1 (BINARY_OP 0): stack underflow: expected at least 2 items on the stack, got 1`},
		{"function containing itself", mod("    RETURN_CONST @f") + "func f()\n    NOP\n    RETURN_CONST (@f,)\nend\n",
			`t.rwa:6:5: code "f": instruction 1 (RETURN_CONST 0): constant 0 contains code object "f", which contains this one`},
		{"yield outside a generator", mod("    LOAD_CONST None", "    YIELD_VALUE", "    RETURN_VALUE"),
			`t.rwa:3:5: code "<module>": instruction 1 (YIELD_VALUE): in a code object that is not a generator: expected Generator to be set`},
		{"closure missing", mod("    LOAD_CONST @f", "    MAKE_FUNCTION 0", "    RETURN_VALUE") + "func f()\n    freevars x\n    LOAD_DEREF x\n    RETURN_VALUE\nend\n",
			`t.rwa:3:5: code "<module>": instruction 1 (MAKE_FUNCTION 0): code "f" has 1 free variables but the closure flag is clear: expected flag 4 and a tuple of 1 cells`},
		{"closure not wanted", mod("    LOAD_CONST None", "    LOAD_CONST @f", "    MAKE_FUNCTION 4", "    RETURN_VALUE") + "func f()\n    RETURN_CONST None\nend\n",
			`t.rwa:4:5: code "<module>": instruction 2 (MAKE_FUNCTION 4): closure flag set, but code "f" has no free variables: expected flag 4 clear`},
		{"position ends before it starts", mod("    .pos 3:5-3:1", "    RETURN_CONST None"),
			`t.rwa:3:5: code "<module>": instruction 0 (RETURN_CONST 0): position 3:5-3:1 ends before it starts`},
		{"cell named like a local", mod("    RETURN_CONST @f") + "func f(a)\n    locals x\n    cells a, x\n    RETURN_CONST None\nend\n",
			`t.rwa:4:1: code "f": cell "x" is also local 1, which is not a parameter`},
		{"varargs duplicated via locals", mod("    RETURN_CONST @f") + "func f(*a)\n    locals a\n", `t.rwa:5:12: duplicate local "a"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Assemble("t.rwa", []byte(tc.src))
			if err == nil {
				t.Fatalf("expected error %q, got none; disassembly:\n%s", tc.want, Disassemble(c))
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("expected a *SyntaxError, got %T: %v", err, err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("\nexpected %s\n     got %s", tc.want, err)
			}
		})
	}
}

func TestSyntaxErrorUnwrapsCodeError(t *testing.T) {
	_, err := Assemble("t.rwa", []byte(mod("    POP_TOP", "    RETURN_CONST None")))
	var ce *CodeError
	if !errors.As(err, &ce) {
		t.Fatalf("expected the error to wrap a *CodeError, got %v", err)
	}
	if ce.Index != 0 || ce.Code == nil || ce.Code.Name != "<module>" {
		t.Fatalf("expected instruction 0 of <module>, got %d of %v", ce.Index, ce.Code)
	}
	_, err = Assemble("t.rwa", []byte("junk"))
	if errors.As(err, &ce) {
		t.Fatalf("expected a plain syntax error to wrap nothing, got %v", ce)
	}
}

func TestAssembleConstants(t *testing.T) {
	big2_64, _ := new(big.Int).SetString("18446744073709551616", 10)
	negBig, _ := new(big.Int).SetString("-9223372036854775809", 10)
	tests := []struct {
		lit  string
		want Const
	}{
		{"None", nil},
		{"True", true},
		{"False", false},
		{"0", int64(0)},
		{"-17", int64(-17)},
		{"+17", int64(17)},
		{"007", int64(7)},
		{"0x1F", int64(31)},
		{"-0X1f", int64(-31)},
		{"0o17", int64(15)},
		{"0b101", int64(5)},
		{"9223372036854775807", int64(math.MaxInt64)},
		{"-9223372036854775808", int64(math.MinInt64)},
		{"-9223372036854775809", negBig},
		{"18446744073709551616", big2_64},
		{"0x10000000000000000", big2_64},
		{"1.5", 1.5},
		{"-0.0", math.Copysign(0, -1)},
		{"0.0", 0.0},
		{".5", 0.5},
		{"5.", 5.0},
		{"1e3", 1000.0},
		{"1E-3", 0.001},
		{"2.5e+10", 2.5e10},
		{"0x1p-2", 0.25},
		{"1e-400", 0.0},
		{"4.9e-324", math.SmallestNonzeroFloat64},
		{"inf", math.Inf(1)},
		{"+inf", math.Inf(1)},
		{"-inf", math.Inf(-1)},
		{"nan", math.NaN()},
		{"nan(0x7ff0000000000001)", math.Float64frombits(0x7ff0000000000001)},
		{"nan(0xFFF8000000000000)", math.Float64frombits(0xfff8000000000000)},
		{`""`, ""},
		{`"a;b"`, "a;b"},
		{`"tab\there \"q\" \\ \x41\101\u00e9\U0001F600"`, "tab\there \"q\" \\ AAé\U0001F600"},
		{`"\xff\xfe"`, "\xff\xfe"},
		{"\"raw \xff byte\"", "raw \xff byte"},
		{`"é"`, "é"},
		{"()", Tuple{}},
		{"(1,)", Tuple{int64(1)}},
		{"( 1 , 2 , )", Tuple{int64(1), int64(2)}},
		{`(1, "a", (2,), (), None)`, Tuple{int64(1), "a", Tuple{int64(2)}, Tuple{}, nil}},
	}
	for _, tc := range tests {
		t.Run(tc.lit, func(t *testing.T) {
			c, err := Assemble("t.rwa", []byte(mod("    RETURN_CONST "+tc.lit+" ; comment")))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Consts[0]; !ConstEqual(got, tc.want) {
				t.Fatalf("expected %s, got %s", showConst(tc.want), showConst(got))
			}
		})
	}
}

func TestAssembleLinesAndNames(t *testing.T) {
	src := "; header comment\r\n" +
		"module(argv, *\"rest args\")\r\n" +
		"    .name \"main\"\r\n" +
		"    locals \"\", é\r\n" +
		"    LOAD_CONST @\"f\"\r\n"
	if _, err := Assemble("t.rwa", []byte(src)); err == nil || !strings.HasPrefix(err.Error(), `t.rwa:5:17: expected a function name after '@', got a string`) {
		t.Fatalf("expected a quoted function reference to be refused, got %v", err)
	}
	src = "; header comment\r\n" +
		"module(argv, *\"rest args\")\r\n" +
		"    .name \"main\"\r\n" +
		"    locals \"\", é\r\n" +
		"    LOAD_CONST @Point.__init__\r\n" +
		"    .line 100\r\n" +
		"    MAKE_FUNCTION 0\r\n" +
		"    COPY 1\r\n" +
		"    STORE_FAST \"\"\r\n" +
		"    .line -4\r\n" +
		"    LOAD_ATTR \"not a word\"\r\n" +
		"    RETURN_VALUE\r\n" +
		"end\r\n" +
		"\n" +
		"func Point.__init__(self, x)   ; the header line is FirstLine\n" +
		"    .filename \"point.py\"\n" +
		"    LOAD_FAST x\n" +
		"    LOAD_FAST self\n" +
		"    STORE_ATTR x\n" +
		"    RETURN_CONST None\n" +
		"end"
	c, err := Assemble("t.rwa", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f := c.Consts[0].(*Code)
	want := &Code{
		Name: "main", Filename: "t.rwa", FirstLine: 2,
		Params: []string{"argv", "rest args"}, VarArgs: true,
		Locals: []string{"argv", "rest args", "", "é"},
		Names:  []string{"not a word"},
		Consts: []Const{f},
		Instrs: []Instr{
			{LoadConst, 0, 5}, {MakeFunction, 0, 100}, {Copy, 1, 100}, {StoreFast, 2, 100},
			{LoadAttr, 0, -4}, {ReturnValue, 0, -4},
		},
		StackSize: 2,
	}
	wantF := &Code{
		Name: "Point.__init__", Filename: "point.py", FirstLine: 15,
		Params: []string{"self", "x"}, Locals: []string{"self", "x"},
		Names: []string{"x"}, Consts: []Const{nil},
		Instrs: []Instr{
			{LoadFast, 1, 17}, {LoadFast, 0, 18}, {StoreAttr, 0, 19}, {ReturnConst, 0, 20},
		},
		StackSize: 2,
	}
	want.Consts = []Const{wantF}
	if d := diffCode(want, c); d != "" {
		t.Fatal(d)
	}
}

// TestAssembleForwardReference: a function may be used before, or only
// inside, another function, and one code object serves every reference.
func TestAssembleForwardReference(t *testing.T) {
	src := mod("    LOAD_CONST @outer", "    MAKE_FUNCTION 0", "    LOAD_CONST (@inner, @inner)", "    BUILD_TUPLE 2", "    RETURN_VALUE") + `
func outer()
    LOAD_CONST @inner
    MAKE_FUNCTION 0
    RETURN_VALUE
end

func inner()
    RETURN_CONST None
end
`
	c, err := Assemble("t.rwa", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	outer := c.Consts[0].(*Code)
	pair := c.Consts[1].(Tuple)
	if pair[0] != pair[1] || pair[0] != outer.Consts[0] {
		t.Fatalf("expected every @inner to be the same code object")
	}
	if got := Disassemble(c); strings.Count(got, "func inner()") != 1 {
		t.Fatalf("expected inner to be printed once, got:\n%s", got)
	}
}

// TestDisassembleOrder: the module first, then functions depth-first in
// order of first reference.
func TestDisassembleOrder(t *testing.T) {
	src := mod("    LOAD_CONST @a", "    LOAD_CONST @b", "    BUILD_TUPLE 2", "    RETURN_VALUE") + `
func b()
    RETURN_CONST None
end
func a()
    RETURN_CONST @a.inner
end
func a.inner()
    RETURN_CONST None
end
`
	c, err := Assemble("t.rwa", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, line := range strings.Split(Disassemble(c), "\n") {
		if strings.HasPrefix(line, "func ") || line == "module" {
			order = append(order, line)
		}
	}
	want := []string{"module", "func a()", "func a.inner()", "func b()"}
	if strings.Join(order, "|") != strings.Join(want, "|") {
		t.Fatalf("expected blocks %q, got %q", want, order)
	}
}

// TestDisassembleRefs: code objects whose names are not usable references
// (duplicates, non-words) get made-up references and a .name directive.
func TestDisassembleRefs(t *testing.T) {
	mk := func(name string) *Code {
		b := NewBuilder(name, "t.rwa")
		b.EmitConst(ReturnConst, nil)
		c, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	b := NewBuilder("<module>", "t.rwa")
	b.EmitConst(LoadConst, Tuple{mk("f"), mk("f"), mk("<lambda>"), mk(""), mk("f_2")})
	b.Emit(ReturnValue, 0)
	c, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	text := Disassemble(c)
	for _, want := range []string{
		"LOAD_CONST (@f, @f_3, @_lambda_, @code, @f_2)",
		"func f_3()\n    .name \"f\"\n",
		"func _lambda_()\n    .name \"<lambda>\"\n",
		"func code()\n    .name \"\"\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("expected the disassembly to contain %q; got:\n%s", want, text)
		}
	}
	back, err := Assemble("t.rwa", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if d := diffCode(c, back); d != "" {
		t.Fatal(d)
	}
}

func TestDisassembleInvalidCode(t *testing.T) {
	self := &Code{Name: "loop", Instrs: []Instr{{Op: LoadConst}, {Op: 250, Arg: 3}, {Op: JumpForward, Arg: 99}, {Op: Nop, Arg: 1}, {Op: LoadFast, Arg: 2}}}
	cyclic := Tuple{nil}
	cyclic[0] = cyclic
	self.Consts = []Const{self, cyclic, 3, (*big.Int)(nil), (*Code)(nil)}
	text := Disassemble(self)
	for _, want := range []string{"LOAD_CONST @<module>", "Op(250) ?3", "JUMP_FORWARD ?99", "NOP ?1", "LOAD_FAST ?2"} {
		if !strings.Contains(text, want) {
			t.Errorf("expected %q in:\n%s", want, text)
		}
	}
	if _, err := Assemble("t.rwa", []byte(text)); err == nil {
		t.Errorf("expected the text of an invalid code object not to assemble")
	}
	if Disassemble(nil) != "" {
		t.Errorf("expected nothing for a nil code object")
	}
}

func TestDisassembleConstants(t *testing.T) {
	tests := []struct {
		k    Const
		want string
	}{
		{nil, "None"},
		{true, "True"},
		{int64(-5), "-5"},
		{bigInt("-100000000000000000000"), "-100000000000000000000"},
		{100.0, "100.0"},
		{negZero(), "-0.0"},
		{1e21, "1e+21"},
		{0.1, "0.1"},
		{5e-324, "5e-324"},
		{math.Inf(-1), "-inf"},
		{math.NaN(), "nan"},
		{nan(0x7ff0000000000001), "nan(0x7ff0000000000001)"},
		{"a\"b\\\n\xff", `"a\"b\\\n\xff"`},
		{Tuple{}, "()"},
		{Tuple{int64(1)}, "(1,)"},
		{Tuple{int64(1), Tuple{"x", nil}}, `(1, ("x", None))`},
	}
	for _, tc := range tests {
		b := NewBuilder("<module>", "t.rwa")
		b.EmitConst(ReturnConst, tc.k)
		c, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		want := "    RETURN_CONST " + tc.want + "\n"
		if got := Disassemble(c); !strings.Contains(got, want) {
			t.Errorf("expected %q in:\n%s", want, got)
		}
	}
}
