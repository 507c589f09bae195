package stdlib

import (
	"slices"

	"github.com/rwgil/rwgil/core"
)

// sockParams parses the arguments of the socket and select functions
// (args without self) by position and by name, as CPython's argument
// parser does: names are the parameters in order, the first required of
// them must be given, the first positional of them may be given by
// position (-1: all). Missing optional ones are nil.
func sockParams(th *core.Thread, fname string, args []core.Object, kw map[string]core.Object, names []string, required, positional int) ([]core.Object, error) {
	typeErr := th.RaiseType("TypeError")
	if positional < 0 {
		positional = len(names)
	}
	if len(args) > positional {
		if positional == required {
			return nil, th.Raisef(typeErr, "%s() takes exactly %d argument%s (%d given)", fname, positional, sockPlural(positional), len(args))
		}
		return nil, th.Raisef(typeErr, "%s() takes at most %d argument%s (%d given)", fname, positional, sockPlural(positional), len(args))
	}
	out := make([]core.Object, len(names))
	copy(out, args)
	for k, v := range kw {
		i := slices.Index(names, k)
		switch {
		case i < 0:
			return nil, th.Raisef(typeErr, "%s() got an unexpected keyword argument '%s'", fname, k)
		case i < len(args):
			return nil, th.Raisef(typeErr, "argument for %s() given by name ('%s') and position (%d)", fname, k, i+1)
		}
		out[i] = v
	}
	for i := 0; i < required; i++ {
		if out[i] == nil {
			return nil, th.Raisef(typeErr, "%s() missing required argument '%s' (pos %d)", fname, names[i], i+1)
		}
	}
	return out, nil
}

func sockPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
