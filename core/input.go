package core

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"sync"
	"unicode/utf8"
)

// input(): CPython's builtin over Config.Stdin. The prompt goes to
// Stdout; a line is read without its newline; at the end of the input,
// with nothing read, EOFError "EOF when reading a line". The read is
// blocking I/O, so the thread detaches for it (other threads run, and a
// stop of the world does not wait for it); a line longer than the memory
// budget allows is a MemoryError, not an unbounded buffer.

func init() {
	builtinFuncs = append(builtinFuncs, method{"input", builtinInput})
}

// stdinReader is a runtime's buffered standard input: one reader for
// every thread, so that no line is lost between two buffers.
type stdinReader struct {
	mu sync.Mutex
	r  *bufio.Reader
}

// line reads one line (with its newline, if any) from src, asking check
// before the line grows past each further MiB.
func (s *stdinReader) line(src io.Reader, check func(n int64) error) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.r == nil {
		if src == nil {
			src = os.Stdin
		}
		s.r = bufio.NewReader(src)
	}
	var line []byte
	for {
		chunk, err := s.r.ReadSlice('\n')
		if len(line)+len(chunk) > 1<<20 {
			if cerr := check(int64(len(line) + len(chunk))); cerr != nil {
				// Drop the rest of the line, as a reader that gave up.
				for errors.Is(err, bufio.ErrBufferFull) {
					_, err = s.r.ReadSlice('\n')
				}
				return nil, cerr
			}
		}
		line = append(line, chunk...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, err
		}
	}
}

func builtinInput(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if len(kw) > 0 {
		return nil, th.Raise(th.rt.types.exc.TypeError, "input() takes no keyword arguments")
	}
	if len(args) > 1 {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "input expected at most 1 argument, got %d", len(args))
	}
	if len(args) == 1 {
		prompt, err := th.Str(args[0])
		if err != nil {
			return nil, err
		}
		var werr error
		if err := th.AllowThreads(func() {
			printMu.Lock()
			_, werr = io.WriteString(th.rt.cfg.Stdout, prompt)
			printMu.Unlock()
		}); err != nil {
			return nil, err
		}
		if werr != nil {
			return nil, th.writeError(werr)
		}
	}
	var line []byte
	var rerr, merr error
	if err := th.AllowThreads(func() {
		line, rerr = th.rt.stdin.line(th.rt.cfg.Stdin, func(n int64) error {
			if n > maxSlice {
				merr = errors.New("too long")
			}
			// The budget is checked after attaching again; here only
			// whether the line stays under it.
			if m := &th.rt.mem; th.rt.memOn() && m.used.Load()+n > m.limit {
				merr = errors.New("over budget")
			}
			return merr
		})
	}); err != nil {
		return nil, err
	}
	switch {
	case merr != nil:
		return nil, th.memoryError(-1)
	case rerr != nil && !errors.Is(rerr, io.EOF):
		return nil, th.writeError(rerr)
	case len(line) == 0:
		return nil, th.Raise(th.rt.types.exc.EOFError, "EOF when reading a line")
	}
	if !utf8.Valid(line) {
		// The newline too, as CPython decodes it: its UnicodeDecodeError.
		return th.decode(line, "utf-8", "strict")
	}
	return th.NewStr(string(bytes.TrimSuffix(line, []byte("\n")))), nil
}
