// Package lib holds the modules of rwgil's standard library that are
// written in Python (heapq, bisect, string, copy, contextlib, types,
// typing, dataclasses, abc, concurrent.futures, re, io, array): modules
// whose CPython versions are Python themselves, or whose behaviour is
// easiest to state in Python. Package stdlib has the modules written in
// Go; docs/stdlib.md lists both.
//
// Each module is a file of this directory, embedded in the binary and
// compiled once per process at its first import. Importing it runs its
// body into a new module's dict (core.Thread.ExecCode), in the importing
// interpreter: a module here has no state outside its module object, so
// every interpreter gets its own. Its code is ordinary Python, run by the
// eval loop like the program's own, so a call into it is core code under
// every policy: it never promotes.
package lib

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/compile"
)

//go:embed *.py
var sources embed.FS

// module is one embedded module and, after its first import in the
// process, its compiled body.
type module struct {
	file string
	once sync.Once
	code *bytecode.Code
	err  error
}

// modules maps a module's name to its file; it is filled once, from the
// embedded files, and read-only after.
var modules = func() map[string]*module {
	entries, err := sources.ReadDir(".")
	if err != nil {
		panic(err) // the embedded directory is part of the binary
	}
	m := make(map[string]*module, len(entries))
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".py")
		m[name] = &module{file: e.Name()}
	}
	return m
}()

// Names returns the names of the modules, sorted.
func Names() []string {
	names := make([]string, 0, len(modules))
	for name := range modules {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Register makes every module of the package importable in rt, with
// support for several interpreters each with its own lock. It fails if a
// name is already registered in rt.
func Register(rt *core.Runtime) error {
	for _, name := range Names() {
		if err := rt.DeclareInterpreterSupport(name, core.InterpPerLock); err != nil {
			return fmt.Errorf("python/lib: %w", err)
		}
		if err := rt.AddModuleLoader(name, load); err != nil {
			return fmt.Errorf("python/lib: %w", err)
		}
	}
	return nil
}

// compiled returns the module's code, compiling it at the first call.
func (m *module) compiled() (*bytecode.Code, error) {
	m.once.Do(func() {
		src, err := sources.ReadFile(m.file)
		if err != nil {
			m.err = err
			return
		}
		// The file name in tracebacks is the module's, as a reader of
		// the repository finds it.
		m.code, m.err = compile.Compile(path.Join("python", "lib", m.file), src)
	})
	return m.code, m.err
}

// load is the loader of every module here: a new module whose dict the
// module's body has run into.
func load(th *core.Thread, name string) (*core.Module, error) {
	m, ok := modules[name]
	if !ok {
		return nil, fmt.Errorf("python/lib: no module %q", name)
	}
	code, err := m.compiled()
	if err != nil {
		// A module of this package that does not compile is a bug of
		// rwgil, caught by the package's tests.
		return nil, th.Raisef(th.Runtime().ExceptionType("ImportError"), "rwgil's module %s does not compile: %v", name, err)
	}
	mod := th.NewModule(name)
	if _, last, dotted := cutLast(name); dotted {
		// rwgil has no packages: `import concurrent.futures` binds
		// concurrent to the module concurrent.futures itself, so the
		// module is its own attribute futures (as stdlib's
		// concurrent.interpreters is its own interpreters).
		if err := th.DictSetStr(mod.Dict(), last, mod); err != nil {
			th.Decref(mod)
			return nil, err
		}
	}
	res, err := th.ExecCode(code, mod.Dict(), nil)
	if err != nil {
		th.Decref(mod)
		return nil, err
	}
	th.Decref(res)
	return mod, nil
}

// cutLast splits a dotted module name at its last dot.
func cutLast(name string) (parent, last string, dotted bool) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return "", name, false
	}
	return name[:i], name[i+1:], true
}
