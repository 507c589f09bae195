// Package stdlib is rwgil's standard library: the modules an ordinary
// threaded Python program imports (threading, queue, time, sys, socket,
// struct, math, random, collections, itertools, functools, operator, os,
// gc, json, select, errno, concurrent.interpreters and _regex, the engine
// under python/lib's re), written in Go with CPython's names, signatures,
// exceptions and behaviour for what they cover. docs/stdlib.md lists
// every module and what differs from CPython.
//
// Every module here is ported: a call into it never promotes the calling
// thread, so a module keeps its own state safe under every policy, free
// included, with its objects' critical sections or the native locking
// layer of package core (core.Lock, core.Condition and the rest, which
// extension modules use too). Every blocking call (a lock's acquire, a
// queue's get, a socket's recv, time.sleep) waits detached from the
// lock, as CPython's modules release the GIL around theirs, and is a
// scheduling point under a deterministic scheduler.
//
// Each module lives in its own file and adds its loader to the table
// with add, from an init function; Register makes them all importable in
// one runtime.
package stdlib

import (
	"fmt"
	"sort"

	"github.com/rwgil/rwgil/core"
)

// loaders maps a module name to the function that makes the module at its
// first import. It is filled by init functions and read-only after.
var loaders = map[string]core.ModuleLoader{}

// add records the loader of module name; a name added twice is a bug of
// this package, reported at start-up.
func add(name string, load core.ModuleLoader) {
	if _, dup := loaders[name]; dup {
		panic(fmt.Sprintf("stdlib: module %q added twice", name))
	}
	loaders[name] = load
}

// Names returns the names of the standard library's modules, sorted.
func Names() []string {
	names := make([]string, 0, len(loaders))
	for name := range loaders {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Register makes every module of the standard library importable in rt.
// It fails if one of their names is already registered in rt. Every
// module supports several interpreters, each with its own lock
// (core.InterpPerLock): its state lives in the module object its loader
// makes, one per interpreter.
func Register(rt *core.Runtime) error {
	for _, name := range Names() {
		if err := rt.DeclareInterpreterSupport(name, core.InterpPerLock); err != nil {
			return fmt.Errorf("stdlib: %w", err)
		}
		if err := rt.AddModuleLoader(name, loaders[name]); err != nil {
			return fmt.Errorf("stdlib: %w", err)
		}
	}
	return nil
}
