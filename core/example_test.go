package core_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/refcount"
)

// A program is assembled from the .rwa text form and run as __main__ on a
// thread of a runtime; Close checks that nothing was leaked.
func ExampleThread_Run() {
	code, err := bytecode.Assemble("squares.rwa", []byte(`
module
    LOAD_NAME print
    LOAD_CONST @square
    MAKE_FUNCTION 0
    STORE_NAME square
    LOAD_NAME square
    LOAD_CONST 12
    CALL 1
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func square(n)
    LOAD_FAST n
    LOAD_FAST n
    BINARY_OP *
    RETURN_VALUE
end
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	rt, err := core.NewRuntime(core.Config{Policy: eml.PolicyEML, Stdout: os.Stdout})
	if err != nil {
		fmt.Println(err)
		return
	}
	th := rt.NewThread("main")
	if _, err := th.Run(code); err != nil {
		fmt.Println(err)
	}
	_ = th.Close()
	fmt.Println("close:", rt.Close())
	// Output:
	// 144
	// close: <nil>
}

// An uncaught exception comes back from Run as an *Exception, which prints
// a Python-style traceback. The error owns a reference: Discard drops it.
func ExampleException_FormatTraceback() {
	code, _ := bytecode.Assemble("oops.rwa", []byte(`module
    LOAD_CONST @half
    MAKE_FUNCTION 0
    STORE_NAME half
    LOAD_NAME half
    LOAD_CONST "ten"
    CALL 1
    RETURN_VALUE
end

func half(x)
    LOAD_FAST x
    LOAD_CONST 2
    BINARY_OP /
    RETURN_VALUE
end
`))
	rt, _ := core.NewRuntime(core.Config{})
	th := rt.NewThread("main")
	_, err := th.Run(code)
	var e *core.Exception
	if errors.As(err, &e) {
		fmt.Print(e.FormatTraceback())
	}
	_ = th.Attach()
	th.Discard(err)
	_ = th.Detach()
	_ = th.Close()
	fmt.Println("close:", rt.Close())
	// Output:
	// Traceback (most recent call last):
	//   File "oops.rwa", line 7, in <module>
	//   File "oops.rwa", line 14, in half
	// TypeError: unsupported operand type(s) for /: 'str' and 'int'
	// close: <nil>
}

// The zero Config is the eml policy; plain reference counts are refused
// under every policy but the GIL, with the reason.
func ExampleNewRuntime() {
	_, err := core.NewRuntime(core.Config{Refcount: refcount.Plain})
	fmt.Println(err)
	// Output:
	// core: the plain refcount strategy is only valid under the gil policy: its counts are not atomic, and under eml several threads run at once
}
