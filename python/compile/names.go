package compile

import (
	"strconv"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/resolve"
	"github.com/rwgil/rwgil/python/syntax"
)

// compState is an inlined comprehension being generated: the hidden
// local (or cell) given to each name it binds.
type compState struct {
	scope *resolve.Scope
	vars  map[string]hiddenVar
}

type hiddenVar struct {
	name string // the local's or cell's name in the code object
	cell bool
}

// mangle applies the unit's private-name mangling.
func (c *compiler) mangle(name string) string { return resolve.Mangle(c.u.private, name) }

// where is how a name use compiles.
type where uint8

const (
	atName   where = iota // LOAD_NAME, STORE_NAME, DELETE_NAME
	atFast                // LOAD_FAST, ...
	atDeref               // LOAD_DEREF, ...
	atGlobal              // LOAD_GLOBAL, ...
)

// locate decides where a (mangled) name lives for the unit being
// generated, and under which name there (a comprehension's hidden local
// differs from the source name).
func (c *compiler) locate(mangled string) (where, string) {
	u := c.u
	for i := len(u.comps) - 1; i >= 0; i-- {
		if v, ok := u.comps[i].vars[mangled]; ok {
			if v.cell {
				return atDeref, v.name
			}
			return atFast, v.name
		}
	}
	scope := u.scope
	b := scope.BindingOf(mangled)
	if len(u.comps) > 0 {
		inner := u.comps[len(u.comps)-1].scope
		// A comprehension in a class body does not see the class's
		// names: it reads what its own table says (CPython 3.12).
		if scope.Kind == resolve.ClassScope {
			switch inner.BindingOf(mangled) {
			case resolve.Free, resolve.Cell:
				return atDeref, mangled
			default:
				return atGlobal, mangled
			}
		}
		if b == resolve.Unbound {
			b = inner.BindingOf(mangled)
		}
	}
	switch b {
	case resolve.Free, resolve.Cell:
		return atDeref, mangled
	case resolve.Local:
		if scope.FunctionLike() {
			return atFast, mangled
		}
	case resolve.GlobalImplicit:
		if scope.FunctionLike() {
			return atGlobal, mangled
		}
	case resolve.GlobalExplicit:
		return atGlobal, mangled
	}
	return atName, mangled
}

// nameOp loads, stores or deletes a variable (CPython's compiler_nameop).
func (c *compiler) nameOp(name string, ctx syntax.ExprContext, p syntax.Pos) {
	c.forbiddenName(name, ctx, p)
	mangled := c.mangle(name)
	w, n := c.locate(mangled)
	var op bytecode.Op
	switch w {
	case atFast:
		op = [...]bytecode.Op{bytecode.LoadFast, bytecode.StoreFast, bytecode.DeleteFast}[ctx]
		c.u.add(instr{op: op, name: n, pos: position(p)})
		return
	case atDeref:
		op = [...]bytecode.Op{bytecode.LoadDeref, bytecode.StoreDeref, bytecode.DeleteDeref}[ctx]
		if ctx == syntax.Load && c.u.kind == unitClass && len(c.u.comps) == 0 {
			op = bytecode.LoadClassDeref
		}
		c.u.add(instr{op: op, name: n, pos: position(p)})
		return
	case atGlobal:
		op = [...]bytecode.Op{bytecode.LoadGlobal, bytecode.StoreGlobal, bytecode.DeleteGlobal}[ctx]
	default:
		op = [...]bytecode.Op{bytecode.LoadName, bytecode.StoreName, bytecode.DeleteName}[ctx]
	}
	c.opName(op, n, p)
}

// forbiddenName rejects assigning to or deleting __debug__.
func (c *compiler) forbiddenName(name string, ctx syntax.ExprContext, p syntax.Pos) {
	if name != "__debug__" {
		return
	}
	switch ctx {
	case syntax.Store:
		c.errorAt(p, "cannot assign to __debug__")
	case syntax.Del:
		c.errorAt(p, "cannot delete __debug__")
	}
}

// loadClosure pushes the cell of name (a free variable of a function
// being made), for its closure tuple.
func (c *compiler) loadClosure(name string, p syntax.Pos) {
	u := c.u
	for i := len(u.comps) - 1; i >= 0; i-- {
		if v, ok := u.comps[i].vars[name]; ok && v.cell {
			u.add(instr{op: bytecode.LoadClosure, name: v.name, pos: position(p)})
			return
		}
	}
	if !containsStr(u.cells, name) && !containsStr(u.free, name) {
		c.errorAt(syntax.Pos{Lineno: max(p.Lineno, 1), ColOffset: p.ColOffset, EndLineno: max(p.Lineno, 1), EndColOffset: p.ColOffset},
			"rwgil internal compiler error: no cell for free variable '%s' in %s", name, u.name)
	}
	u.add(instr{op: bytecode.LoadClosure, name: name, pos: position(p)})
}

// pushComprehension starts generating an inlined comprehension: every
// name it binds gets a hidden local, or a hidden cell if a closure in it
// captures the name. A hidden cell is made afresh (MAKE_CELL) each time
// the comprehension starts, as CPython 3.12 does, so that the closures of
// two runs do not share it.
func (c *compiler) pushComprehension(scope *resolve.Scope, loc syntax.Pos) {
	u := c.u
	st := &compState{scope: scope, vars: make(map[string]hiddenVar)}
	for _, sym := range scope.Symbols() {
		if sym.Flags&resolve.DefLocal == 0 || sym.Flags&(resolve.DefNonlocal|resolve.DefGlobal) != 0 {
			continue
		}
		cell := sym.Binding == resolve.Cell
		name := c.hiddenName(sym.Name, cell)
		st.vars[sym.Name] = hiddenVar{name: name, cell: cell}
		if cell {
			u.add(instr{op: bytecode.MakeCell, name: name, pos: position(loc)})
		}
	}
	u.comps = append(u.comps, st)
}

func (c *compiler) popComprehension() {
	c.u.comps = c.u.comps[:len(c.u.comps)-1]
}

// hiddenName picks the local (or cell) name for a comprehension variable:
// the variable's own name when the code object has no other use for it,
// else the name with a ".N" suffix, which no Python name has.
func (c *compiler) hiddenName(name string, cell bool) string {
	u := c.u
	if u.hidden == nil {
		u.hidden = make(map[string]bool)
	}
	taken := func(n string) bool {
		for _, st := range u.comps {
			for _, v := range st.vars {
				if v.name == n {
					return true
				}
			}
		}
		if wasCell, ok := u.hidden[n]; ok {
			return wasCell != cell || cell
		}
		if containsStr(u.cells, n) || containsStr(u.free, n) || containsStr(u.params, n) ||
			containsStr(u.kwOnly, n) || n == u.varKw {
			return true
		}
		if u.scope.FunctionLike() {
			switch u.scope.BindingOf(n) {
			case resolve.Local, resolve.Cell, resolve.Free:
				return true
			}
		}
		return false
	}
	cand := name
	for i := 1; taken(cand); i++ {
		cand = name + "." + strconv.Itoa(i)
	}
	u.hidden[cand] = cell
	if cell {
		u.cells = append(u.cells, cand)
	}
	return cand
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
