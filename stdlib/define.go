package stdlib

import (
	"fmt"
	"math/big"
	"runtime"
	"sort"
	"strings"
	"sync"
	"weak"

	"github.com/rwgil/rwgil/core"
)

// The pieces the data modules (struct, math, random, os, gc, json) are
// built from: a module from a table of Go functions, and argument binding
// that fails in CPython's words.

// nativeFunc is one function of a module.
type nativeFunc struct {
	name string
	fn   core.BuiltinFunc
}

// newNativeModule returns a new reference to a module called name holding
// funcs.
func newNativeModule(th *core.Thread, name string, funcs []nativeFunc) (*core.Module, error) {
	m := th.NewModule(name)
	for _, f := range funcs {
		b := th.NewBuiltin(f.name, f.fn)
		err := th.DictSetStr(m.Dict(), f.name, b)
		th.Decref(b)
		if err != nil {
			th.Decref(m)
			return nil, err
		}
	}
	return m, nil
}

// setOwned sets d[name] = v and drops the reference to v the caller held
// (v is a new reference, as th.NewInt returns).
func setOwned(th *core.Thread, d *core.Dict, name string, v core.Object) error {
	err := th.DictSetStr(d, name, v)
	th.Decref(v)
	return err
}

// signature describes a function's parameters for bind: the first npos
// of names may be passed by position, the rest only by keyword; the
// first required of them must be passed. python says the function is
// written in Python in CPython (random.py, json/__init__.py), whose
// argument errors are worded differently from a C function's; self is 1
// for a method of such a function, counted in its messages as CPython
// counts it.
type signature struct {
	name     string // as messages name it: "randint", "Random.randint"
	names    []string
	npos     int
	posOnly  int // the first posOnly can be passed only by position
	required int
	python   bool
	self     int
}

// bind matches args (after self, for a method) and kw to sig's
// parameters: the result has one entry per name, nil where the argument
// was not passed (the caller supplies the default).
func (sig *signature) bind(th *core.Thread, args []core.Object, kw map[string]core.Object) ([]core.Object, error) {
	typeErr := th.RaiseType("TypeError")
	out := make([]core.Object, len(sig.names))
	if !sig.python && len(args) > len(sig.names) {
		// The argument clinic's words (_PyArg_UnpackKeywords).
		kwWord := ""
		if len(args) == 0 {
			kwWord = "keyword "
		}
		return nil, th.Raisef(typeErr, "%s() takes at most %d %sargument%s (%d given)", sig.name, len(sig.names), kwWord, plural(len(sig.names)), len(args)+len(kw))
	}
	if len(args) > sig.npos {
		if !sig.python {
			if sig.npos == 0 {
				return nil, th.Raisef(typeErr, "%s() takes no positional arguments", sig.name)
			}
			word := "exactly"
			if min(sig.required, sig.npos) < sig.npos {
				word = "at most"
			}
			return nil, th.Raisef(typeErr, "%s() takes %s %d positional argument%s (%d given)", sig.name, word, sig.npos, plural(sig.npos), len(args))
		}
		lo, hi := min(sig.required, sig.npos)+sig.self, sig.npos+sig.self
		given := len(args) + sig.self
		want := fmt.Sprintf("%d positional argument%s", hi, plural(hi))
		if lo != hi {
			want = fmt.Sprintf("from %d to %d positional arguments", lo, hi)
		}
		verb := "were"
		if given == 1 {
			verb = "was"
		}
		return nil, th.Raisef(typeErr, "%s() takes %s but %d %s given", sig.name, want, given, verb)
	}
	copy(out, args)
	if len(kw) > 0 {
		keys := make([]string, 0, len(kw))
		for k := range kw {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			i := indexOf(sig.names, k)
			if i < sig.posOnly {
				if sig.python {
					return nil, th.Raisef(typeErr, "%s() got an unexpected keyword argument '%s'", sig.name, k)
				}
				return nil, th.Raisef(typeErr, "'%s' is an invalid keyword argument for %s()", k, sig.name)
			}
			if out[i] != nil {
				if sig.python {
					return nil, th.Raisef(typeErr, "%s() got multiple values for argument '%s'", sig.name, k)
				}
				return nil, th.Raisef(typeErr, "argument for %s() given by name ('%s') and position (%d)", sig.name, k, i+1)
			}
			out[i] = kw[k]
		}
	}
	if minPosOnly := min(sig.posOnly, sig.required); len(args) < minPosOnly {
		return nil, th.Raisef(typeErr, "%s() takes %s %d positional argument%s (%d given)", sig.name, exactly(minPosOnly == sig.npos), minPosOnly, plural(minPosOnly), len(args))
	}
	var missing []string
	for i := 0; i < sig.required; i++ {
		if out[i] == nil {
			if !sig.python {
				return nil, th.Raisef(typeErr, "%s() missing required argument '%s' (pos %d)", sig.name, sig.names[i], i+1)
			}
			missing = append(missing, "'"+sig.names[i]+"'")
		}
	}
	if len(missing) > 0 {
		kind := "positional "
		if sig.required > sig.npos {
			kind = "keyword-only "
		}
		var list string
		switch len(missing) {
		case 1:
			list = missing[0]
		case 2:
			list = missing[0] + " and " + missing[1]
		default:
			list = strings.Join(missing[:len(missing)-1], ", ") + ", and " + missing[len(missing)-1]
		}
		return nil, th.Raisef(typeErr, "%s() missing %d required %sargument%s: %s", sig.name, len(missing), kind, plural(len(missing)), list)
	}
	return out, nil
}

func exactly(b bool) string {
	if b {
		return "exactly"
	}
	return "at least"
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// isNone reports whether o is None (a nil o, an argument not passed,
// counts as None).
func isNone(th *core.Thread, o core.Object) bool {
	return o == nil || o == th.Runtime().None
}

// bigIndex is operator.index(o) as a big.Int: an int, a bool or an object
// with __index__; TypeError "'X' object cannot be interpreted as an
// integer" otherwise.
func bigIndex(th *core.Thread, o core.Object) (*big.Int, error) {
	i, err := th.Index(o)
	if err != nil {
		return nil, err
	}
	defer th.Decref(i)
	switch n := i.(type) {
	case *core.Int:
		return n.Big(), nil
	case *core.Bool:
		if core.Object(n) == th.Runtime().True {
			return big.NewInt(1), nil
		}
		return big.NewInt(0), nil
	}
	return nil, th.Raisef(th.RaiseType("TypeError"), "'%s' object cannot be interpreted as an integer", o.Type().Name())
}

// hiddenState keeps the Go state of the instances of a class made with
// NewClass (a random.Random's generator, a struct.Struct's compiled
// format) beside them rather than in their __dict__: keyed weakly by the
// instance, and dropped when the instance is collected.
type hiddenState[T any] struct{ m sync.Map } // weak.Pointer[core.Instance] -> T

// get returns inst's state, if it has one.
func (h *hiddenState[T]) get(inst *core.Instance) (T, bool) {
	v, ok := h.m.Load(weak.Make(inst))
	if !ok {
		var zero T
		return zero, false
	}
	return v.(T), true
}

// getOrInit returns inst's state, making it with init if it has none (if
// two threads race, one's state wins and both get it).
func (h *hiddenState[T]) getOrInit(inst *core.Instance, init func() T) T {
	key := weak.Make(inst)
	if v, ok := h.m.Load(key); ok {
		return v.(T)
	}
	v, loaded := h.m.LoadOrStore(key, init())
	if !loaded {
		h.cleanup(inst, key)
	}
	return v.(T)
}

// set gives inst the state v, replacing any it had.
func (h *hiddenState[T]) set(inst *core.Instance, v T) {
	key := weak.Make(inst)
	if _, had := h.m.Swap(key, v); !had {
		h.cleanup(inst, key)
	}
}

func (h *hiddenState[T]) cleanup(inst *core.Instance, key weak.Pointer[core.Instance]) {
	runtime.AddCleanup(inst, func(k weak.Pointer[core.Instance]) { h.m.Delete(k) }, key)
}
