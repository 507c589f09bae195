package core_test

import (
	"errors"
	"fmt"
	"io"
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

// Exec is the one call that runs a program: it runs the code as __main__,
// waits for the threads the program starts, and returns how it ended --
// here, with an exception in a thread and one in the main thread. The
// error is only for a program that could not run. Close, after, reports
// leaks.
func ExampleRuntime_Exec() {
	code, err := bytecode.Assemble("exec.rwa", []byte(`module
    IMPORT_NAME thread
    LOAD_METHOD start
    LOAD_CONST @worker
    MAKE_FUNCTION 0
    CALL_METHOD 1
    LOAD_METHOD join
    CALL_METHOD 0
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "main goes on"
    CALL 1
    POP_TOP
    LOAD_CONST 1
    LOAD_CONST 0
    BINARY_OP /
    RETURN_VALUE
end

func worker()
    LOAD_NAME undefined
    RETURN_VALUE
end
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	rt, err := core.NewRuntime(core.Config{Stdout: os.Stdout, Stderr: io.Discard})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := rt.Exec(code)
	if err != nil {
		fmt.Println("could not run:", err)
		return
	}
	fmt.Printf("%d thread error(s), the first:\n%s", len(res.ThreadErrors), res.ThreadErrors[0])
	fmt.Print("the main thread:\n", res.Exception)
	fmt.Println("close:", rt.Close())
	// Output:
	// main goes on
	// 1 thread error(s), the first:
	// Exception in thread Thread-1:
	// Traceback (most recent call last):
	//   File "exec.rwa", line 21, in worker
	// NameError: name 'undefined' is not defined
	// the main thread:
	// Traceback (most recent call last):
	//   File "exec.rwa", line 16, in <module>
	// ZeroDivisionError: division by zero
	// close: <nil>
}
