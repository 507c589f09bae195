package bytecode_test

import (
	"fmt"

	"github.com/rwgil/rwgil/core/bytecode"
)

// A module that counts i up to 3 with a while loop. The disassembly names
// the jump targets L1, L2, and records every instruction's source line
// with .line directives, so it assembles back to the same code object.
func ExampleAssemble() {
	src := `
module
    LOAD_CONST 0
    STORE_NAME i        ; i = 0
top:
    LOAD_NAME i
    LOAD_CONST 3
    COMPARE_OP <
    POP_JUMP_IF_FALSE done
    LOAD_NAME i
    LOAD_CONST 1
    BINARY_OP +=
    STORE_NAME i        ; i += 1
    JUMP_BACKWARD top
done:
    RETURN_CONST None
end
`
	code, err := bytecode.Assemble("count.rwa", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(bytecode.Disassemble(code))
	fmt.Println("stack size:", code.StackSize)
	// Output:
	// module
	//     .firstline 2
	//     .line 3
	//     LOAD_CONST 0
	//     .line 4
	//     STORE_NAME i
	// L1:
	//     .line 6
	//     LOAD_NAME i
	//     .line 7
	//     LOAD_CONST 3
	//     .line 8
	//     COMPARE_OP <
	//     .line 9
	//     POP_JUMP_IF_FALSE L2
	//     .line 10
	//     LOAD_NAME i
	//     .line 11
	//     LOAD_CONST 1
	//     .line 12
	//     BINARY_OP +=
	//     .line 13
	//     STORE_NAME i
	//     .line 14
	//     JUMP_BACKWARD L1
	// L2:
	//     .line 16
	//     RETURN_CONST None
	// end
	// stack size: 2
}

// Mistakes are reported at their position, saying what was expected.
func ExampleAssemble_errors() {
	for _, src := range []string{
		"module\n    LOAD_FAS x\nend\n",
		"module\n    POP_TOP\n    RETURN_CONST None\nend\n",
	} {
		_, err := bytecode.Assemble("bad.rwa", []byte(src))
		fmt.Println(err)
	}
	// Output:
	// bad.rwa:2:5: expected an opcode, got "LOAD_FAS" (did you mean LOAD_FAST?)
	// bad.rwa:2:5: code "<module>": instruction 0 (POP_TOP): stack underflow: expected at least 1 items on the stack, got 0
}

// Building `counter += 1` on a global in Go. Its four instructions contain
// no safe point, so under a GIL no other thread can run between the load
// and the store.
func ExampleBuilder() {
	b := bytecode.NewBuilder("<module>", "counter.rwa")
	b.SetLine(1)
	b.EmitName(bytecode.LoadGlobal, "counter")
	b.EmitConst(bytecode.LoadConst, int64(1))
	b.Emit(bytecode.BinaryOp, int32(bytecode.BinInplaceAdd))
	b.EmitName(bytecode.StoreGlobal, "counter")
	b.EmitConst(bytecode.ReturnConst, nil)
	code, err := b.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, in := range code.Instrs {
		fmt.Println(in.Op, in.Op.Info().SafePoint)
	}
	// Output:
	// LOAD_GLOBAL false
	// LOAD_CONST false
	// BINARY_OP false
	// STORE_GLOBAL false
	// RETURN_CONST false
}
