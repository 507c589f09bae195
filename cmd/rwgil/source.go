package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/python/syntax"
)

// maxSource bounds the size of a program file rwgil will read.
const maxSource = 64 << 20

// loadProgram reads and assembles a .rwa file, or compiles a .py file:
// the extension chooses the front end. Every failure is one line naming
// the file (and, for a syntax error, line and column), except a Python
// syntax error, a *syntax.Error that printLoadError prints as CPython does.
func loadProgram(path string) (*bytecode.Code, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %v", path, pe.Err)
		}
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	switch {
	case info.IsDir():
		return nil, fmt.Errorf("%s: is a directory, not a .rwa or .py program", path)
	case info.Size() > maxSource:
		return nil, fmt.Errorf("%s: %d bytes is too large for a program (limit %d)", path, info.Size(), maxSource)
	}
	src, err := io.ReadAll(io.LimitReader(f, maxSource+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if isPython(path) {
		return compile.Compile(path, src)
	}
	return bytecode.Assemble(path, src)
}

// isPython reports whether path names a Python program (.py).
func isPython(path string) bool { return strings.HasSuffix(path, ".py") }

// printLoadError reports why loadProgram failed: a Python syntax error
// as CPython prints an uncaught SyntaxError, anything else on one line
// after "rwgil CMD: ".
func printLoadError(w io.Writer, cmd string, err error) {
	var se *syntax.Error
	if errors.As(err, &se) {
		fmt.Fprint(w, se.Format())
		return
	}
	fmt.Fprintf(w, "rwgil %s: %v\n", cmd, err)
}
