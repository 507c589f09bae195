package core

import (
	"slices"

	"github.com/rwgil/rwgil/refcount"
)

// CPython 3.12's "Did you mean" suggestions (Python/suggestions.c), which
// the traceback of an uncaught exception adds to its last line:
//
//	NameError: name 'pritn' is not defined. Did you mean: 'print'?
//	AttributeError: 'list' object has no attribute 'apend'. Did you mean: 'append'?
//	ImportError: cannot import name 'chian' from 'itertools' (unknown location). Did you mean: 'chain'?
//	NameError: name 'sys' is not defined. Did you forget to import 'sys'?
//
// As in CPython they are offered for exceptions of exactly the classes
// NameError, AttributeError and ImportError (not their subclasses), from
// their name (ImportError: name_from) attribute; the candidates are, for a
// NameError, the local variables of the frame it was raised in, then its
// globals, then the builtins (each list tried alone, and only when it
// holds fewer than 750 names), and `self.NAME` first when the frame has a
// self with that attribute; for an AttributeError dir(obj); for an
// ImportError dir() of the module. The closest candidate by CPython's
// Levenshtein distance (a case change costs 1, any other edit 2, at most
// a third of the characters involved) wins, the first of equally close
// ones.

// Limits and costs of suggestions.c.
const (
	suggestMaxCandidates = 750
	suggestMaxString     = 40
	suggestMoveCost      = 2
	suggestCaseCost      = 1
)

// nameErrorFrame is what a NameError's suggestions need of the frame it
// was raised in (CPython reads them from the traceback's innermost
// frame): its local variable names, its globals, and its self.
type nameErrorFrame struct {
	locals  []string
	globals *Dict  // owned
	self    Object // owned; nil when the frame has no self
	// selfUnbound: the frame has a local self with no value, for which
	// CPython offers no suggestion at all.
	selfUnbound bool
}

// recordNameErrorFrame keeps fr's names for e's suggestions when e is a
// NameError leaving the first frame of its traceback.
func (th *Thread) recordNameErrorFrame(e *Exception, fr *frame) {
	if e.typ != th.rt.types.exc.NameError || e.nameFrame != nil {
		return
	}
	bc := fr.code.bc
	nf := &nameErrorFrame{locals: bc.Locals, globals: fr.globals}
	th.Incref(fr.globals)
	if i := slices.Index(bc.Locals, "self"); i >= 0 {
		var v Object
		if j := slices.Index(bc.Cells, "self"); j >= 0 && j < len(fr.cells) && fr.cells[j] != nil {
			v = fr.cells[j].get(th) // a new reference, or nil
		} else if i < len(fr.locals) && fr.locals[i] != nil {
			v = th.newRef(fr.locals[i])
		}
		nf.self, nf.selfUnbound = v, v == nil
	}
	e.nameFrame = nf
}

// release drops the references the record holds.
func (nf *nameErrorFrame) release(by *refcount.Owner) {
	decrefBy(nf.globals, by)
	if nf.self != nil {
		decrefBy(nf.self, by)
	}
}

// suggestion returns what CPython 3.12 adds to the last line of e's
// traceback: ". Did you mean: 'x'?", ". Did you forget to import 'x'?",
// both, or "". th must be attached; an error while looking (a __dir__ or
// __getattr__ that raises) means no suggestion, as in CPython.
func (th *Thread) suggestion(e *Exception) string {
	exc := &th.rt.types.exc
	switch e.typ {
	case exc.AttributeError:
		name, ok := e.excAttr("name").(*Str)
		obj, set := e.excAttrSet("obj")
		if !ok || !set {
			return ""
		}
		dir, err := th.dirNames(obj)
		if err != nil {
			th.Discard(err)
			return ""
		}
		return didYouMean(calculateSuggestion(dir, name.s))
	case exc.ImportError:
		mod, ok1 := e.excAttr("name").(*Str)
		name, ok2 := e.excAttr("name_from").(*Str)
		if !ok1 || !ok2 {
			return ""
		}
		th.rt.modMu.Lock()
		m, ok := th.rt.modules[mod.s]
		th.rt.modMu.Unlock()
		if !ok {
			return ""
		}
		dir, err := th.dirNames(m)
		if err != nil {
			th.Discard(err)
			return ""
		}
		return didYouMean(calculateSuggestion(dir, name.s))
	case exc.NameError:
		name, ok := e.excAttr("name").(*Str)
		if !ok || e.nameFrame == nil {
			return ""
		}
		s, err := th.nameErrorSuggestion(e.nameFrame, name.s)
		if err != nil {
			th.Discard(err)
			return ""
		}
		if !cpythonStdlibModules[name.s] {
			return didYouMean(s)
		}
		if s == "" {
			return ". Did you forget to import " + strRepr(name.s) + "?"
		}
		return ". Did you mean: " + strRepr(s) + "? Or did you forget to import " + strRepr(name.s) + "?"
	}
	return ""
}

// excAttrSet returns e's built-in attribute name and whether it was set
// (an attribute never set reads as None).
func (e *Exception) excAttrSet(name string) (Object, bool) {
	if l := excLayout(e.typ); l != nil {
		for i, n := range excAttrs[l.name] {
			if n == name && i < len(e.attrs) && e.attrs[i] != nil {
				return e.attrs[i], true
			}
		}
	}
	return nil, false
}

func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return ". Did you mean: " + strRepr(s) + "?"
}

// nameErrorSuggestion is suggestions.c's offer_suggestions_for_name_error
// without the trailer.
func (th *Thread) nameErrorSuggestion(nf *nameErrorFrame, name string) (string, error) {
	if nf.selfUnbound {
		return "", nil // PyDict_GetItem(locals, "self") fails: no suggestion
	}
	if nf.self != nil {
		v, err := th.GetAttr(nf.self, name)
		if err == nil {
			th.Decref(v)
			return "self." + name, nil
		}
		if !IsInstance(err, th.rt.types.exc.AttributeError) {
			return "", err
		}
		th.Discard(err)
	}
	if s := calculateSuggestion(nf.locals, name); s != "" {
		return s, nil
	}
	if s := calculateSuggestion(th.dictStrKeys(nf.globals), name); s != "" {
		return s, nil
	}
	return calculateSuggestion(th.builtinNamesInCPythonOrder(), name), nil
}

// dictStrKeys returns d's str keys in order.
func (th *Thread) dictStrKeys(d *Dict) []string {
	keys, values := th.dictItems(d)
	th.decrefAll(values)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if s, ok := k.(*Str); ok {
			out = append(out, s.s)
		}
	}
	th.decrefAll(keys)
	return out
}

// builtinNamesInCPythonOrder lists the builtins' names, those CPython has
// in the order of CPython's builtins dict, then rwgil's others in order.
func (th *Thread) builtinNamesInCPythonOrder() []string {
	names := th.dictStrKeys(th.rt.builtins.dict)
	have := make(map[string]bool, len(names))
	for _, n := range names {
		have[n] = true
	}
	out := make([]string, 0, len(names))
	known := make(map[string]bool, len(cpythonBuiltinsOrder))
	for _, n := range cpythonBuiltinsOrder {
		known[n] = true
		if have[n] {
			out = append(out, n)
		}
	}
	for _, n := range names {
		if !known[n] {
			out = append(out, n)
		}
	}
	return out
}

// dirNames is dir(o)'s str items (PyObject_Dir: __dir__, sorted).
func (th *Thread) dirNames(o Object) ([]string, error) {
	var items []Object
	r, found, err := th.callDunder(o, "__dir__")
	switch {
	case err != nil:
		return nil, err
	case found:
		items, err = th.collect(r)
		th.Decref(r)
		if err != nil {
			return nil, err
		}
		l := th.NewList(items)
		defer th.Decref(l)
		if err := th.ListSort(l, nil, false); err != nil {
			return nil, err
		}
		return listStrs(l), nil
	}
	d, err := th.dirList(o)
	if err != nil {
		return nil, err
	}
	defer th.Decref(d)
	l, ok := d.(*List)
	if !ok {
		return nil, nil
	}
	return listStrs(l), nil
}

// listStrs returns the str items of l (which no other thread sees).
func listStrs(l *List) []string {
	out := make([]string, 0, len(l.items))
	for _, it := range l.items {
		if s, ok := it.(*Str); ok {
			out = append(out, s.s)
		}
	}
	return out
}

// calculateSuggestion is suggestions.c's calculate_suggestions: the
// closest of dir to name, or "".
func calculateSuggestion(dir []string, name string) string {
	if len(dir) >= suggestMaxCandidates {
		return ""
	}
	best := -1
	bestDistance := int(^uint(0) >> 1)
	buf := make([]int, suggestMaxString)
	for i, item := range dir {
		if item == name {
			continue
		}
		// No more than 1/3 of the involved characters should need changed.
		maxDistance := (len(name) + len(item) + 3) * suggestMoveCost / 6
		// Don't take matches we've already beaten.
		maxDistance = min(maxDistance, bestDistance-1)
		d := levenshtein(name, item, maxDistance, buf)
		if d > maxDistance {
			continue
		}
		if best < 0 || d < bestDistance {
			best, bestDistance = i, d
		}
	}
	if best < 0 {
		return ""
	}
	return dir[best]
}

// substitutionCost is the cost of replacing byte a by byte b.
func substitutionCost(a, b byte) int {
	if a&31 != b&31 {
		return suggestMoveCost // not the same, not a case flip
	}
	if a == b {
		return 0
	}
	if 'A' <= a && a <= 'Z' {
		a += 'a' - 'A'
	}
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	if a == b {
		return suggestCaseCost
	}
	return suggestMoveCost
}

// levenshtein is suggestions.c's levenshtein_distance over the UTF-8
// bytes of a and b: at most maxCost, or more than maxCost when the
// distance is larger.
func levenshtein(a, b string, maxCost int, buf []int) int {
	if a == b {
		return 0
	}
	// Trim away common affixes.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) == 0 || len(b) == 0 {
		return (len(a) + len(b)) * suggestMoveCost
	}
	if len(a) > suggestMaxString || len(b) > suggestMaxString {
		return maxCost + 1
	}
	// Prefer the shorter buffer.
	if len(b) < len(a) {
		a, b = b, a
	}
	// A quick fail when a match is impossible.
	if (len(b)-len(a))*suggestMoveCost > maxCost {
		return maxCost + 1
	}
	// One row of the matrix, updated in place.
	row := buf[:len(a)]
	for i := range row {
		row[i] = (i + 1) * suggestMoveCost // cost from b[:0] to a[:i+1]
	}
	result := 0
	for bi := 0; bi < len(b); bi++ {
		code := b[bi]
		// cost(b[:bi], a[:0]) == bi * MOVE_COST
		distance := bi * suggestMoveCost
		result = distance
		minimum := int(^uint(0) >> 1)
		for i := 0; i < len(a); i++ {
			// 1) substitute: cost(b[:bi], a[:i]) + the substitution
			substitute := distance + substitutionCost(code, a[i])
			// 2) cost(b[:bi], a[:i+1]) from the previous row
			distance = row[i]
			// 3) the result so far is cost(b[:bi+1], a[:i])
			insertDelete := min(result, distance) + suggestMoveCost
			result = min(insertDelete, substitute)
			row[i] = result
			if result < minimum {
				minimum = result
			}
		}
		if minimum > maxCost {
			return maxCost + 1 // everything in this row is too expensive
		}
	}
	return result
}
