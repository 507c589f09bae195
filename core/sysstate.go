package core

import (
	"io"
	"os"
	"sort"
	"sync/atomic"
)

// The state of a runtime that the sys module reads and sets while the
// program runs: the recursion limit and the int-to-str digit limit.
// Both are atomics, since any thread may call sys.setrecursionlimit while
// the others run (and read the limit at every call). sys.argv is
// Config.Argv; the switch interval is the lock's (eml.Lock.
// SetSwitchInterval).

// sysState is a runtime's settable sys state.
type sysState struct {
	recursionLimit atomic.Int64
	maxStrDigits   atomic.Int64 // 0: no limit
}

func (rt *Runtime) initSysState() {
	rt.sys.recursionLimit.Store(int64(rt.cfg.RecursionLimit))
	rt.sys.maxStrDigits.Store(maxStrDigits)
}

// RecursionLimit is the depth of Python calls past which a call raises
// RecursionError (sys.getrecursionlimit()); it starts at
// Config.RecursionLimit.
func (rt *Runtime) RecursionLimit() int { return int(rt.sys.recursionLimit.Load()) }

// SetRecursionLimit sets the recursion limit, as sys.setrecursionlimit
// does, with CPython's errors: ValueError for a limit below 1,
// RecursionError for one at or below th's current depth; and rwgil's own,
// ValueError, for one the Go stack cannot hold (MaxRecursionLimit).
func (th *Thread) SetRecursionLimit(limit int64) error {
	exc := &th.rt.types.exc
	switch {
	case limit < 1:
		return th.Raise(exc.ValueError, "recursion limit must be greater or equal than 1")
	case limit > int64(MaxRecursionLimit()):
		return th.Raise(exc.ValueError, recursionLimitError(int(min(limit, 1<<40))).Error())
	case limit <= int64(th.depth):
		return th.Raisef(exc.RecursionError, "cannot set the recursion limit to %d at the recursion depth %d: the limit is too low", limit, th.depth)
	}
	th.rt.sys.recursionLimit.Store(limit)
	return nil
}

// IntMaxStrDigits is the most decimal digits an int converts to or from a
// str with (sys.get_int_max_str_digits()); 0 means no limit.
func (rt *Runtime) IntMaxStrDigits() int { return int(rt.sys.maxStrDigits.Load()) }

// SetIntMaxStrDigits sets that limit, as sys.set_int_max_str_digits does:
// 0 (no limit) or at least 640, else ValueError.
func (th *Thread) SetIntMaxStrDigits(n int64) error {
	if n != 0 && n < 640 {
		return th.Raise(th.rt.types.exc.ValueError, "maxdigits must be 0 or larger than 640")
	}
	th.rt.sys.maxStrDigits.Store(n)
	return nil
}

// ModuleNames returns the names of the modules imported in the runtime
// (the keys of sys.modules), sorted.
func (rt *Runtime) ModuleNames() []string {
	rt.modMu.Lock()
	names := make([]string, 0, len(rt.modules)+1)
	for name := range rt.modules {
		names = append(names, name)
	}
	rt.modMu.Unlock()
	names = append(names, "builtins")
	sort.Strings(names)
	return names
}

// ImportedModule returns a new reference to the module called name if it
// has been imported, or nil (sys.modules[name]).
func (th *Thread) ImportedModule(name string) Object {
	rt := th.rt
	if name == "builtins" {
		return th.newRef(rt.builtins)
	}
	rt.modMu.Lock()
	defer rt.modMu.Unlock()
	if m, ok := rt.modules[name]; ok {
		return th.newRef(m)
	}
	return nil
}

// Depth is how many Python calls deep th is.
func (th *Thread) Depth() int { return th.depth }

// WriteStdout writes s to the runtime's stdout as print() does: detached
// (it is blocking I/O), in one piece with respect to print() and other
// writes, an error of the writer raised as OSError. sys.stdout.write
// calls it.
func (th *Thread) WriteStdout(s string) error { return th.writeTo(th.rt.cfg.Stdout, s) }

// WriteStderr writes s to the runtime's stderr the same way
// (sys.stderr.write).
func (th *Thread) WriteStderr(s string) error {
	w := th.rt.cfg.Stderr
	if w == nil {
		w = os.Stderr
	}
	return th.writeTo(w, s)
}

func (th *Thread) writeTo(w io.Writer, s string) error {
	var werr error
	if err := th.AllowThreads(func() {
		printMu.Lock()
		_, werr = io.WriteString(w, s)
		printMu.Unlock()
	}); err != nil {
		return err
	}
	if werr != nil {
		return th.writeError(werr)
	}
	return nil
}
