package core

import (
	"fmt"
	"sort"
	"strings"
)

// atMostOneArg is the argument check of the container types'
// constructors (tuple, list, dict, set, frozenset), in CPython's words.
func (th *Thread) atMostOneArg(fname string, args []Object) error {
	if len(args) > 1 {
		return th.Raisef(th.rt.types.exc.TypeError, "%s expected at most 1 argument, got %d", fname, len(args))
	}
	return nil
}

// checkArgs raises TypeError unless min <= len(args) <= max (max < 0: no
// limit), in Python's words.
func (th *Thread) checkArgs(fname string, args []Object, min, max int) error {
	n := len(args)
	if n >= min && (max < 0 || n <= max) {
		return nil
	}
	var want string
	switch {
	case min == max && min == 0:
		return th.Raisef(th.rt.types.exc.TypeError, "%s() takes no arguments (%d given)", fname, n)
	case min == max && min == 1:
		return th.Raisef(th.rt.types.exc.TypeError, "%s() takes exactly one argument (%d given)", fname, n)
	case min == max:
		want = fmt.Sprintf("exactly %d argument%s", min, plural(min))
	case n < min:
		want = fmt.Sprintf("at least %d argument%s", min, plural(min))
	default:
		want = fmt.Sprintf("at most %d argument%s", max, plural(max))
	}
	return th.Raisef(th.rt.types.exc.TypeError, "%s() takes %s (%d given)", fname, want, n)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// checkKwargs raises TypeError for a keyword argument not in allowed.
func (th *Thread) checkKwargs(fname string, kwargs map[string]Object, allowed ...string) error {
	if len(kwargs) == 0 {
		return nil
	}
	var bad []string
	for k := range kwargs {
		ok := false
		for _, a := range allowed {
			ok = ok || k == a
		}
		if !ok {
			bad = append(bad, k)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	if len(allowed) == 0 {
		return th.Raisef(th.rt.types.exc.TypeError, "%s() takes no keyword arguments", fname)
	}
	return th.Raisef(th.rt.types.exc.TypeError, "'%s' is an invalid keyword argument for %s()", strings.Join(bad, "', '"), fname)
}

// intArg converts an argument that must be an int (or have __index__).
func (th *Thread) intArg(fname string, o Object) (int64, error) {
	v, b, ok, err := th.indexValue(o)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, th.Raisef(th.rt.types.exc.TypeError, "'%s' object cannot be interpreted as an integer", o.Type().name)
	}
	if b != nil {
		return 0, th.Raisef(th.rt.types.exc.OverflowError, "%s(): Python int too large to convert to C ssize_t", fname)
	}
	return v, nil
}

// strArg converts an argument that must be a str.
func (th *Thread) strArg(fname string, o Object) (string, error) {
	s, ok := o.(*Str)
	if !ok {
		return "", th.Raisef(th.rt.types.exc.TypeError, "%s() argument must be str, not %s", fname, o.Type().name)
	}
	return s.s, nil
}
