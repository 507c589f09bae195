package resolve

import (
	"slices"
	"strings"

	"github.com/rwgil/rwgil/python/syntax"
)

// Kind is the kind of block a Scope is (CPython's _Py_block_ty).
type Kind uint8

// The kinds of scope. Lambdas, comprehensions and generator expressions
// are FunctionScope, as in CPython; Scope.Comprehension and Scope.Name
// tell them apart.
const (
	ModuleScope Kind = iota
	ClassScope
	FunctionScope
)

// String returns "module", "class" or "function".
func (k Kind) String() string {
	switch k {
	case ModuleScope:
		return "module"
	case ClassScope:
		return "class"
	}
	return "function"
}

// CompKind says which comprehension a scope is, if any.
type CompKind uint8

// The comprehension kinds.
const (
	NotComprehension CompKind = iota
	ListComp
	SetComp
	DictComp
	GenExp
)

// Flags are the raw facts the walk records about a name in a scope
// (CPython's DEF_* bits, with CPython's values).
type Flags uint32

// The flags.
const (
	DefGlobal    Flags = 0x001 // declared global (or bound by a walrus at module level)
	DefLocal     Flags = 0x002 // bound in the scope: assignment, def, class, for, with, except, del
	DefParam     Flags = 0x004 // a parameter
	DefNonlocal  Flags = 0x008 // declared nonlocal (or bound by a walrus in a comprehension)
	Use          Flags = 0x010 // read
	DefFreeClass Flags = 0x040 // a class binds it and a method captures it from further out
	DefImport    Flags = 0x080 // bound by an import
	DefAnnot     Flags = 0x100 // annotated (x: int)
	DefCompIter  Flags = 0x200 // a comprehension's iteration variable

	// DefBound are the flags that bind a name in its scope.
	DefBound = DefLocal | DefParam | DefImport
)

// Binding is where a name lives at run time, the outcome of the analysis
// (CPython's scope values).
type Binding uint8

// The bindings.
const (
	// Unbound: the scope does not mention the name.
	Unbound Binding = iota
	// Local: a fast local of a function, or a name in a module or class
	// namespace.
	Local
	// GlobalExplicit: declared global, in this scope or (for a name the
	// scope only reads) an enclosing one.
	GlobalExplicit
	// GlobalImplicit: read here, bound in no enclosing function: a global
	// or a builtin.
	GlobalImplicit
	// Free: bound in an enclosing function and reached through its cell.
	Free
	// Cell: bound here and captured by an inner function.
	Cell
)

// String returns the binding's name, such as "cell".
func (b Binding) String() string {
	return [...]string{"unbound", "local", "global explicit", "global implicit", "free", "cell"}[b]
}

// Symbol is one name of a scope.
type Symbol struct {
	// Name is the name as the scope uses it (mangled).
	Name    string
	Flags   Flags
	Binding Binding
}

// Scope is one block of code and its names.
type Scope struct {
	// Kind is the block's kind; Comprehension says which comprehension a
	// FunctionScope is.
	Kind          Kind
	Comprehension CompKind
	// Name is CPython's name for the block: "top" for the module, the
	// def's or class's name, "lambda", "listcomp", "setcomp", "dictcomp"
	// or "genexpr".
	Name string
	// Node is the tree node that opens the block: *syntax.Module,
	// *syntax.FunctionDef, *syntax.AsyncFunctionDef, *syntax.ClassDef,
	// *syntax.Lambda, *syntax.ListComp, *syntax.SetComp, *syntax.DictComp
	// or *syntax.GeneratorExp.
	Node syntax.Node
	// Pos is the node's span (zero for the module).
	Pos syntax.Pos
	// Parent is the enclosing scope (nil for the module).
	Parent *Scope
	// Children are the scopes nested directly in this one, in source
	// order. An inlined comprehension is replaced by its own children,
	// as in CPython, since its code is part of this scope's.
	Children []*Scope
	// Params are the parameter names in the order the walk met them:
	// positional-only, positional, keyword-only, then *args and
	// **kwargs; ".0" for a comprehension's iterator.
	Params []string
	// Private is the class name that mangles __names inside this scope,
	// or "".
	Private string

	// Nested: the scope is inside a function.
	Nested bool
	// Generator: the scope contains yield (a generator expression always).
	Generator bool
	// Coroutine: an async def, or a scope with an async comprehension.
	Coroutine bool
	// ReturnsValue: the scope has a return statement with a value.
	ReturnsValue bool
	// VarArgs and VarKeywords: the function has *args and **kwargs.
	VarArgs, VarKeywords bool
	// HasFree: the scope has free variables (or reads globals while
	// nested).
	HasFree bool
	// NeedsClassClosure: a class whose methods read __class__ (or call
	// super()): its body keeps a __class__ cell.
	NeedsClassClosure bool
	// Inlined: a list, set or dict comprehension compiled into its
	// parent's code (PEP 709).
	Inlined bool

	symbols    map[string]*Symbol
	order      []string
	directives map[string]syntax.Pos
	orig       []*Scope // children before inlined comprehensions were spliced out

	compIterTarget bool // visiting a comprehension's iteration target
	compIterExpr   int  // visiting a comprehension's iterable
}

func newScope(kind Kind, name string, node syntax.Node, pos syntax.Pos, parent *Scope) *Scope {
	return &Scope{Kind: kind, Name: name, Node: node, Pos: pos, Parent: parent,
		symbols: make(map[string]*Symbol)}
}

// Lookup returns the symbol for a (mangled) name, or nil.
func (s *Scope) Lookup(name string) *Symbol { return s.symbols[name] }

// BindingOf returns the binding of a (mangled) name, Unbound if the scope
// does not have it.
func (s *Scope) BindingOf(name string) Binding {
	if sym := s.symbols[name]; sym != nil {
		return sym.Binding
	}
	return Unbound
}

// FlagsOf returns the flags of a (mangled) name, 0 if the scope does not
// have it.
func (s *Scope) FlagsOf(name string) Flags {
	if sym := s.symbols[name]; sym != nil {
		return sym.Flags
	}
	return 0
}

// Symbols returns the scope's symbols in the order the walk first met
// them.
func (s *Scope) Symbols() []*Symbol {
	out := make([]*Symbol, len(s.order))
	for i, n := range s.order {
		out[i] = s.symbols[n]
	}
	return out
}

// FunctionLike reports whether the scope is a function, lambda,
// comprehension or generator expression (CPython's _PyST_IsFunctionLike).
func (s *Scope) FunctionLike() bool { return s.Kind == FunctionScope }

// Cells returns the names the scope keeps in cells (CPython's
// co_cellvars), sorted as CPython sorts them.
func (s *Scope) Cells() []string {
	var out []string
	for _, n := range s.order {
		if s.symbols[n].Binding == Cell {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// FreeVars returns the names the scope captures from enclosing functions
// (CPython's co_freevars), sorted. A class lists too the names it binds
// itself that a method captures from further out (DefFreeClass): its
// closure passes them through.
func (s *Scope) FreeVars() []string {
	var out []string
	for _, n := range s.order {
		sym := s.symbols[n]
		if sym.Binding == Free || sym.Flags&DefFreeClass != 0 {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

func (s *Scope) addSymbol(name string, flags Flags) *Symbol {
	sym := s.symbols[name]
	if sym == nil {
		sym = &Symbol{Name: name}
		s.symbols[name] = sym
		s.order = append(s.order, name)
	}
	sym.Flags |= flags
	return sym
}

// Mangle returns name as it is looked up inside a class called private:
// a name with two leading underscores and not two trailing ones, with no
// dot, becomes "_" + private without its leading underscores + name
// (CPython's _Py_Mangle). private "" (outside classes), or a class name of
// underscores only, leaves every name alone.
func Mangle(private, name string) string {
	if private == "" || !strings.HasPrefix(name, "__") || strings.HasSuffix(name, "__") ||
		strings.Contains(name, ".") {
		return name
	}
	p := strings.TrimLeft(private, "_")
	if p == "" {
		return name
	}
	return "_" + p + name
}
