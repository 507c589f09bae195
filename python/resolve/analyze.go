package resolve

import (
	"fmt"
	"slices"

	"github.com/rwgil/rwgil/python/syntax"
)

// nameSet is a set of names.
type nameSet map[string]bool

func (s nameSet) clone() nameSet {
	c := make(nameSet, len(s))
	for k := range s {
		c[k] = true
	}
	return c
}

func (s nameSet) addAll(o nameSet) {
	for k := range o {
		s[k] = true
	}
}

// analyze is CPython's second pass (symtable_analyze): it gives every
// symbol its binding, from the module down.
func (r *resolver) analyze() {
	free := nameSet{}
	global := nameSet{}
	r.analyzeBlock(r.module, nil, free, global)
}

// analyzeBlock is analyze_block. bound is nil for the module (no
// enclosing function can bind anything); free collects the free names of
// s and its children; global the names known to be global.
func (r *resolver) analyzeBlock(s *Scope, bound, free, global nameSet) {
	local := nameSet{}
	scopes := make(map[string]Binding, len(s.order))
	newGlobal := nameSet{}
	newFree := nameSet{}
	newBound := nameSet{}

	// A class's names are not visible to its methods: what the methods
	// see is what the class saw.
	if s.Kind == ClassScope {
		newGlobal.addAll(global)
		if bound != nil {
			newBound.addAll(bound)
		}
	}
	for _, name := range s.order {
		r.analyzeName(s, scopes, name, s.symbols[name].Flags, bound, local, free, global)
	}
	if s.Kind != ClassScope {
		if s.FunctionLike() {
			newBound.addAll(local)
		}
		if bound != nil {
			newBound.addAll(bound)
		}
		newGlobal.addAll(global)
	} else {
		newBound["__class__"] = true
		newBound["__classdict__"] = true
	}

	for _, c := range s.orig {
		childFree := r.analyzeChild(c, newBound, newFree, newGlobal)
		if c.Comprehension != NotComprehension && c.Comprehension != GenExp && !c.Generator {
			r.inlineComprehension(s, c, scopes, childFree)
			c.Inlined = true
		}
		newFree.addAll(childFree)
	}
	s.Children = s.Children[:0]
	for _, c := range s.orig {
		if c.Inlined {
			s.Children = append(s.Children, c.Children...)
		} else {
			s.Children = append(s.Children, c)
		}
	}

	switch {
	case s.FunctionLike():
		analyzeCells(scopes, newFree)
	case s.Kind == ClassScope:
		if newFree["__class__"] {
			delete(newFree, "__class__")
			s.NeedsClassClosure = true
		}
		delete(newFree, "__classdict__")
	}
	updateSymbols(s, scopes, bound, newFree, s.Kind == ClassScope)
	free.addAll(newFree)
}

// analyzeChild analyzes c with copies of the sets, so that siblings do not
// see each other's bindings, and returns the child's free names.
func (r *resolver) analyzeChild(c *Scope, bound, free, global nameSet) nameSet {
	tb, tf, tg := bound.clone(), free.clone(), global.clone()
	r.analyzeBlock(c, tb, tf, tg)
	return tf
}

// analyzeName is analyze_name: the binding of one name.
func (r *resolver) analyzeName(s *Scope, scopes map[string]Binding, name string, flags Flags,
	bound, local, free, global nameSet) {
	switch {
	case flags&DefGlobal != 0:
		if flags&DefNonlocal != 0 {
			r.failDirective(s, name, fmt.Sprintf("name '%s' is nonlocal and global", name))
		}
		scopes[name] = GlobalExplicit
		global[name] = true
		if bound != nil {
			delete(bound, name)
		}
	case flags&DefNonlocal != 0:
		if bound == nil {
			r.failDirective(s, name, "nonlocal declaration not allowed at module level")
		}
		if !bound[name] {
			r.failDirective(s, name, fmt.Sprintf("no binding for nonlocal '%s' found", name))
		}
		scopes[name] = Free
		s.HasFree = true
		free[name] = true
	case flags&DefBound != 0:
		scopes[name] = Local
		local[name] = true
		delete(global, name)
	case bound != nil && bound[name]:
		scopes[name] = Free
		s.HasFree = true
		free[name] = true
	case global[name]:
		scopes[name] = GlobalImplicit
	default:
		if s.Nested {
			s.HasFree = true
		}
		scopes[name] = GlobalImplicit
	}
}

func (r *resolver) failDirective(s *Scope, name, msg string) {
	p := s.directives[name]
	panic(bailout{ErrorAt(r.filename, r.src, p, msg)})
}

// analyzeCells turns the locals that children capture into cells.
func analyzeCells(scopes map[string]Binding, free nameSet) {
	for name, b := range scopes {
		if b == Local && free[name] {
			scopes[name] = Cell
			delete(free, name)
		}
	}
}

// updateSymbols records the bindings, and adds the free names of children
// that pass through s (CPython's update_symbols).
func updateSymbols(s *Scope, scopes map[string]Binding, bound, free nameSet, classFlag bool) {
	for _, name := range s.order {
		s.symbols[name].Binding = scopes[name]
	}
	for _, name := range sortedNames(free) {
		if sym := s.symbols[name]; sym != nil {
			// A method captures a name its class binds too: the class
			// passes the outer cell through.
			if classFlag {
				sym.Flags |= DefFreeClass
			}
			continue
		}
		if bound != nil && !bound[name] {
			continue // a global
		}
		s.addSymbol(name, 0).Binding = Free
	}
}

// inlineComprehension merges an inlined comprehension's names into its
// parent (CPython 3.12's inline_comprehension). The compiler still reads
// the comprehension's own table for the names it binds.
func (r *resolver) inlineComprehension(s, comp *Scope, scopes map[string]Binding, compFree nameSet) {
	removeDunderClass := false
	for _, name := range comp.order {
		sym := comp.symbols[name]
		if sym.Flags&DefParam != 0 {
			continue // the ".0" iterator
		}
		if sym.Binding == Free && s.Kind == ClassScope && name == "__class__" {
			removeDunderClass = true
			if !freeInAnyChild(comp, name) {
				delete(compFree, name)
			}
		}
		existing := s.symbols[name]
		if existing == nil {
			// CPython copies the comprehension's names into the
			// parent; rwgil gives the names a comprehension binds
			// hidden locals of their own (the compiler reads them
			// from the comprehension's table), so only the names it
			// reaches through the parent are copied.
			if sym.Flags&DefLocal != 0 && sym.Flags&(DefNonlocal|DefGlobal) == 0 {
				continue
			}
			ns := s.addSymbol(name, sym.Flags&^DefCompIter)
			ns.Binding = sym.Binding
			scopes[name] = sym.Binding
			continue
		}
		// A name the comprehension reads from the parent, which binds
		// it, is simply the parent's (unless a closure inside the
		// comprehension captures it, or the parent is a class).
		if existing.Flags&DefBound != 0 && !freeInAnyChild(comp, name) && s.Kind != ClassScope {
			delete(compFree, name)
		}
	}
	comp.HasFree = len(compFree) > 0
	if removeDunderClass {
		comp.removeSymbol("__class__")
	}
}

func (s *Scope) removeSymbol(name string) {
	delete(s.symbols, name)
	for i, n := range s.order {
		if n == name {
			s.order = append(s.order[:i:i], s.order[i+1:]...)
			break
		}
	}
}

// freeInAnyChild reports whether a scope below comp has name free.
func freeInAnyChild(comp *Scope, name string) bool {
	for _, c := range comp.Children {
		if c.BindingOf(name) == Free {
			return true
		}
	}
	return false
}

func sortedNames(s nameSet) []string {
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

// ErrorAt returns the *syntax.Error CPython 3.12 reports for a
// compile-time error (one found by the symbol table or the compiler) at
// span p of src (syntax.CompileError).
func ErrorAt(filename string, src []byte, p syntax.Pos, msg string) *syntax.Error {
	return syntax.CompileError(filename, src, p, msg)
}

func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

func sortStrings(s []string) { slices.Sort(s) }
