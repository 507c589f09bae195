package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/rwgil/rwgil/core/bytecode"
)

// maxSource bounds the size of a program file rwgil will read.
const maxSource = 64 << 20

// loadProgram reads and assembles a .rwa file. Every failure is one line
// naming the file (and, for a syntax error, line and column).
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
		return nil, fmt.Errorf("%s: is a directory, not a .rwa program", path)
	case info.Size() > maxSource:
		return nil, fmt.Errorf("%s: %d bytes is too large for a program (limit %d)", path, info.Size(), maxSource)
	}
	src, err := io.ReadAll(io.LimitReader(f, maxSource+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return bytecode.Assemble(path, src)
}
