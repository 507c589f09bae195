package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/python/syntax"
)

// maxSource bounds the size of a program file rwgil will read.
const maxSource = 64 << 20

// loadProgram reads and assembles a .rwa file, or compiles a .py file:
// the extension chooses the front end; "-" reads standard input (a .rwa
// program if its first line that is not blank or a comment starts a
// module or func block, else Python), named <stdin> in tracebacks. A UTF-8
// byte order mark at the start is dropped, as CPython does. Every failure
// is one line naming the file (and, for a syntax error, line and column),
// except a Python syntax error, a *syntax.Error that printLoadError
// prints as CPython does.
func loadProgram(path string) (*bytecode.Code, error) {
	name, src, err := readSource(path)
	if err != nil {
		return nil, err
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if isPython(path) || (path == "-" && !looksLikeRwa(src)) {
		return compile.CompileFile(name, src)
	}
	return bytecode.Assemble(name, src)
}

// readSource reads a program: from the file at path, or standard input
// for "-" (named <stdin>). Either way no more than maxSource bytes.
func readSource(path string) (name string, src []byte, err error) {
	if path == "-" {
		src, err := readLimited("<stdin>", os.Stdin)
		return "<stdin>", src, err
	}
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return "", nil, fmt.Errorf("%s: %v", path, pe.Err)
		}
		return "", nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", nil, fmt.Errorf("%s: %v", path, err)
	}
	switch {
	case info.IsDir():
		return "", nil, fmt.Errorf("%s: is a directory, not a .rwa or .py program", path)
	case info.Size() > maxSource:
		return "", nil, fmt.Errorf("%s: %d bytes is too large for a program (limit %d)", path, info.Size(), maxSource)
	}
	src, err = readLimited(path, f)
	return path, src, err
}

// readLimited reads r to its end, refusing more than maxSource bytes
// (what a pipe or a file that grows can send past a size check).
func readLimited(name string, r io.Reader) ([]byte, error) {
	src, err := io.ReadAll(io.LimitReader(r, maxSource+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: %v", name, err)
	case len(src) > maxSource:
		return nil, fmt.Errorf("%s: too large for a program: more than the limit of %d bytes", name, maxSource)
	}
	return src, nil
}

// rwaHeader is the first line of a .rwa program.
var rwaHeader = regexp.MustCompile(`^(module\b|func\s+\w)`)

// looksLikeRwa reports whether a program read from standard input is a
// .rwa program: its first line that is not blank or a ; comment is a
// module or func header.
func looksLikeRwa(src []byte) bool {
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, ";") {
			continue
		}
		return rwaHeader.MatchString(line)
	}
	return false
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
