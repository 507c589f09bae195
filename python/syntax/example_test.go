package syntax_test

import (
	"errors"
	"fmt"

	"github.com/rwgil/rwgil/python/syntax"
)

func ExampleParse() {
	src := []byte("counter += 1\nprint(f'{counter=}')\n")
	m, err := syntax.Parse("prog.py", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	aug := m.Body[0].(*syntax.AugAssign)
	fmt.Println(aug.Target.(*syntax.Name).Id, aug.Op.Symbol()+"=", aug.Value.(*syntax.Constant).Value)
	call := m.Body[1].(*syntax.ExprStmt).Value.(*syntax.Call)
	fmt.Printf("line %d: a call with %d argument\n", call.Lineno, len(call.Args))

	_, err = syntax.Parse("prog.py", []byte("if counter > 0\n    pass\n"))
	var e *syntax.Error
	if errors.As(err, &e) {
		fmt.Println(e)
		fmt.Print(e.Format())
	}
	// Output:
	// counter += 1
	// line 2: a call with 1 argument
	// prog.py:1:15: expected ':'
	//   File "prog.py", line 1
	//     if counter > 0
	//                   ^
	// SyntaxError: expected ':'
}

func ExampleDump() {
	m, _ := syntax.Parse("x.py", []byte("x = 1\n"))
	fmt.Println(syntax.Dump(m, -1))
	// Output:
	// Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[])
}

func ExampleInspect() {
	m, _ := syntax.Parse("x.py", []byte("def f(a):\n    return a + g(b)\n"))
	syntax.Inspect(m, func(n syntax.Node) bool {
		if name, ok := n.(*syntax.Name); ok {
			fmt.Println(name.Id, name.Lineno, name.ColOffset)
		}
		return true
	})
	// Output:
	// a 2 11
	// g 2 15
	// b 2 17
}
