package syntax

// This file holds the abstract syntax tree. It mirrors CPython 3.12's ast
// module (Parser/Python.asdl) node for node and field for field, with the
// names Go-ified: FunctionDef.decorator_list is FunctionDef.DecoratorList,
// Name.id is Name.Id. Where the ASDL says "x?" (optional) the Go field is
// nil for an expression or node, and "" for an identifier. Where it says
// "x*" the Go field is a slice, nil or empty when there is nothing. The
// type_comment fields are left out: the parser never fills them (CPython
// fills them only under ast.parse(type_comments=True)).
//
// Changes to this file are additive only: the resolver and the compiler
// are written against it.

// Pos is a node's span in the source, as CPython's ast records it in the
// attributes lineno, col_offset, end_lineno and end_col_offset: lines count
// from 1, columns from 0 in UTF-8 bytes, and the end column is exclusive.
type Pos struct {
	Lineno, ColOffset, EndLineno, EndColOffset int
}

// Position returns the span itself; every node with a span has the method
// through its embedded Pos.
func (p Pos) Position() Pos { return p }

// Node is any node of the tree: a module, statement, expression, pattern,
// type parameter, or one of the helper nodes (Arguments, Arg, Keyword,
// Alias, WithItem, Comprehension, ExceptHandler, MatchCase).
type Node interface {
	node()
}

// Positioned is a node that carries a source span. CPython gives a span to
// every node but Module, Arguments, WithItem, Comprehension and MatchCase.
type Positioned interface {
	Node
	Position() Pos
}

// Stmt is a statement node (CPython's ast.stmt).
type Stmt interface {
	Positioned
	stmtNode()
}

// Expr is an expression node (CPython's ast.expr).
type Expr interface {
	Positioned
	exprNode()
}

// Pattern is a pattern of a match statement's case (CPython's ast.pattern).
type Pattern interface {
	Positioned
	patternNode()
}

// TypeParam is a type parameter of a generic function, class or type alias
// (CPython's ast.type_param, PEP 695).
type TypeParam interface {
	Positioned
	typeParamNode()
}

// ExprContext says whether an expression is read, assigned to or deleted
// (CPython's expr_context). Name, Attribute, Subscript, Starred, List and
// Tuple carry one.
type ExprContext int

// The expression contexts.
const (
	Load ExprContext = iota
	Store
	Del
)

// BoolOperator is the operator of a BoolOp (CPython's boolop).
type BoolOperator int

// The boolean operators.
const (
	And BoolOperator = iota
	Or
)

// Operator is the operator of a BinOp or an AugAssign (CPython's operator).
type Operator int

// The binary operators.
const (
	Add Operator = iota
	Sub
	Mult
	MatMult
	Div
	Mod
	Pow
	LShift
	RShift
	BitOr
	BitXor
	BitAnd
	FloorDiv
)

// UnaryOperator is the operator of a UnaryOp (CPython's unaryop).
type UnaryOperator int

// The unary operators: ~, not, + and -.
const (
	Invert UnaryOperator = iota
	Not
	UAdd
	USub
)

// CmpOperator is one operator of a Compare (CPython's cmpop).
type CmpOperator int

// The comparison operators.
const (
	Eq CmpOperator = iota
	NotEq
	Lt
	LtE
	Gt
	GtE
	Is
	IsNot
	In
	NotIn
)

// EllipsisType is the type of Ellipsis, the value of the constant "...".
type EllipsisType struct{}

// Ellipsis is the Constant.Value of the literal "...".
var Ellipsis = EllipsisType{}

// Conversion codes of a FormattedValue, as CPython stores them: -1 for
// none, else the character after the "!".
const (
	ConvNone  = -1
	ConvStr   = 's'
	ConvRepr  = 'r'
	ConvASCII = 'a'
)

// ---------------------------------------------------------------- module

// Module is a parsed file (CPython's ast.Module); TypeIgnores is always
// empty, since the parser does not read type comments.
type Module struct {
	Body []Stmt
}

// ------------------------------------------------------------ statements

// FunctionDef is a "def" statement. DecoratorList holds the decorators in
// source order; Returns is the "->" annotation or nil.
type FunctionDef struct {
	Pos
	Name          string
	Args          *Arguments
	Body          []Stmt
	DecoratorList []Expr
	Returns       Expr
	TypeParams    []TypeParam
}

// AsyncFunctionDef is an "async def" statement, with FunctionDef's fields.
type AsyncFunctionDef struct {
	Pos
	Name          string
	Args          *Arguments
	Body          []Stmt
	DecoratorList []Expr
	Returns       Expr
	TypeParams    []TypeParam
}

// ClassDef is a "class" statement: the base classes in Bases, the keyword
// arguments of the class line (metaclass=...) in Keywords.
type ClassDef struct {
	Pos
	Name          string
	Bases         []Expr
	Keywords      []*Keyword
	Body          []Stmt
	DecoratorList []Expr
	TypeParams    []TypeParam
}

// Return is a "return" statement; Value is nil for a bare return.
type Return struct {
	Pos
	Value Expr
}

// Delete is a "del" statement; its targets have context Del.
type Delete struct {
	Pos
	Targets []Expr
}

// Assign is an assignment "t1 = t2 = value": one target per "=".
type Assign struct {
	Pos
	Targets []Expr
	Value   Expr
}

// TypeAlias is a "type X[T] = value" statement (PEP 695); Name is a *Name
// with context Store.
type TypeAlias struct {
	Pos
	Name       Expr
	TypeParams []TypeParam
	Value      Expr
}

// AugAssign is an augmented assignment "target op= value".
type AugAssign struct {
	Pos
	Target Expr
	Op     Operator
	Value  Expr
}

// AnnAssign is an annotated assignment "target: annotation [= value]".
// Simple is true when the target is a plain name not in parentheses.
type AnnAssign struct {
	Pos
	Target     Expr
	Annotation Expr
	Value      Expr
	Simple     bool
}

// For is a "for target in iter:" loop; Orelse is its "else" block.
type For struct {
	Pos
	Target Expr
	Iter   Expr
	Body   []Stmt
	Orelse []Stmt
}

// AsyncFor is an "async for" loop, with For's fields.
type AsyncFor struct {
	Pos
	Target Expr
	Iter   Expr
	Body   []Stmt
	Orelse []Stmt
}

// While is a "while test:" loop; Orelse is its "else" block.
type While struct {
	Pos
	Test   Expr
	Body   []Stmt
	Orelse []Stmt
}

// If is an "if" statement; an "elif" is an If alone in Orelse.
type If struct {
	Pos
	Test   Expr
	Body   []Stmt
	Orelse []Stmt
}

// With is a "with" statement with one WithItem per context manager.
type With struct {
	Pos
	Items []*WithItem
	Body  []Stmt
}

// AsyncWith is an "async with" statement, with With's fields.
type AsyncWith struct {
	Pos
	Items []*WithItem
	Body  []Stmt
}

// Match is a "match subject:" statement with its cases.
type Match struct {
	Pos
	Subject Expr
	Cases   []*MatchCase
}

// Raise is a "raise [exc [from cause]]" statement.
type Raise struct {
	Pos
	Exc   Expr
	Cause Expr
}

// Try is a "try" statement with "except" handlers, "else" (Orelse) and
// "finally" (Finalbody) blocks.
type Try struct {
	Pos
	Body      []Stmt
	Handlers  []*ExceptHandler
	Orelse    []Stmt
	Finalbody []Stmt
}

// TryStar is a "try" statement whose handlers are "except*" (PEP 654).
type TryStar struct {
	Pos
	Body      []Stmt
	Handlers  []*ExceptHandler
	Orelse    []Stmt
	Finalbody []Stmt
}

// Assert is an "assert test[, msg]" statement.
type Assert struct {
	Pos
	Test Expr
	Msg  Expr
}

// Import is an "import a.b [as c], ..." statement.
type Import struct {
	Pos
	Names []*Alias
}

// ImportFrom is a "from module import names" statement. Module is "" when
// the statement names only dots ("from . import x"); Level counts the dots.
type ImportFrom struct {
	Pos
	Module string
	Names  []*Alias
	Level  int
}

// Global is a "global" declaration.
type Global struct {
	Pos
	Names []string
}

// Nonlocal is a "nonlocal" declaration.
type Nonlocal struct {
	Pos
	Names []string
}

// ExprStmt is an expression used as a statement (CPython's ast.Expr; the
// Go name Expr is the interface).
type ExprStmt struct {
	Pos
	Value Expr
}

// Pass is a "pass" statement.
type Pass struct{ Pos }

// Break is a "break" statement.
type Break struct{ Pos }

// Continue is a "continue" statement.
type Continue struct{ Pos }

// ----------------------------------------------------------- expressions

// BoolOp is "a and b and c" or "a or b": one operator, two or more values
// (CPython folds a chain of the same operator into one node).
type BoolOp struct {
	Pos
	Op     BoolOperator
	Values []Expr
}

// NamedExpr is an assignment expression "target := value"; Target is a
// *Name with context Store.
type NamedExpr struct {
	Pos
	Target Expr
	Value  Expr
}

// BinOp is a binary operation "left op right".
type BinOp struct {
	Pos
	Left  Expr
	Op    Operator
	Right Expr
}

// UnaryOp is a unary operation "op operand".
type UnaryOp struct {
	Pos
	Op      UnaryOperator
	Operand Expr
}

// Lambda is "lambda args: body".
type Lambda struct {
	Pos
	Args *Arguments
	Body Expr
}

// IfExp is a conditional expression "body if test else orelse".
type IfExp struct {
	Pos
	Test   Expr
	Body   Expr
	Orelse Expr
}

// Dict is a dict display. Keys and Values have the same length; a nil key
// stands for a "**mapping" entry, whose mapping is the value.
type Dict struct {
	Pos
	Keys   []Expr
	Values []Expr
}

// Set is a set display "{a, b}".
type Set struct {
	Pos
	Elts []Expr
}

// ListComp is a list comprehension "[elt for ...]".
type ListComp struct {
	Pos
	Elt        Expr
	Generators []*Comprehension
}

// SetComp is a set comprehension "{elt for ...}".
type SetComp struct {
	Pos
	Elt        Expr
	Generators []*Comprehension
}

// DictComp is a dict comprehension "{key: value for ...}".
type DictComp struct {
	Pos
	Key        Expr
	Value      Expr
	Generators []*Comprehension
}

// GeneratorExp is a generator expression "(elt for ...)".
type GeneratorExp struct {
	Pos
	Elt        Expr
	Generators []*Comprehension
}

// Await is "await value".
type Await struct {
	Pos
	Value Expr
}

// Yield is "yield [value]".
type Yield struct {
	Pos
	Value Expr
}

// YieldFrom is "yield from value".
type YieldFrom struct {
	Pos
	Value Expr
}

// Compare is a comparison chain "left op1 c1 op2 c2 ..."; Ops and
// Comparators have the same length.
type Compare struct {
	Pos
	Left        Expr
	Ops         []CmpOperator
	Comparators []Expr
}

// Call is a call "func(args, keywords)". A "*x" argument is a *Starred in
// Args; a "**x" argument is a Keyword with Arg "".
type Call struct {
	Pos
	Func     Expr
	Args     []Expr
	Keywords []*Keyword
}

// FormattedValue is one replacement field "{value!conversion:format_spec}"
// of an f-string. Conversion is ConvNone, ConvStr, ConvRepr or ConvASCII;
// FormatSpec is nil or a *JoinedStr.
type FormattedValue struct {
	Pos
	Value      Expr
	Conversion int
	FormatSpec Expr
}

// JoinedStr is an f-string, or a concatenation of literals at least one of
// which is an f-string: its Values are *Constant (str) and *FormattedValue
// nodes in order, adjacent literal parts merged.
type JoinedStr struct {
	Pos
	Values []Expr
}

// Constant is a literal. Value is one of: nil (None), bool, int64 (an int
// that fits), *big.Int (an int that does not fit in int64), float64,
// complex128 (an imaginary literal, real part 0), string (a str, in UTF-8;
// a lone surrogate from an escape such as "\ud800" is kept as its 3-byte
// generalized UTF-8 form), []byte (a bytes literal), or Ellipsis. Kind is
// "u" for a str literal written with the u prefix, else "".
type Constant struct {
	Pos
	Value any
	Kind  string
}

// Attribute is "value.attr".
type Attribute struct {
	Pos
	Value Expr
	Attr  string
	Ctx   ExprContext
}

// Subscript is "value[slice]"; several indices make a *Tuple slice, and
// "a:b:c" is a *Slice.
type Subscript struct {
	Pos
	Value Expr
	Slice Expr
	Ctx   ExprContext
}

// Starred is "*value", in a call's arguments, a display or a target.
type Starred struct {
	Pos
	Value Expr
	Ctx   ExprContext
}

// Name is an identifier used as an expression or target. Id is in NFKC
// normal form, as CPython stores it.
type Name struct {
	Pos
	Id  string
	Ctx ExprContext
}

// List is a list display or a list target "[a, b]".
type List struct {
	Pos
	Elts []Expr
	Ctx  ExprContext
}

// Tuple is a tuple display or a tuple target; its span covers the
// parentheses when there are any.
type Tuple struct {
	Pos
	Elts []Expr
	Ctx  ExprContext
}

// Slice is "lower:upper:step" inside a subscript; each part may be nil.
type Slice struct {
	Pos
	Lower Expr
	Upper Expr
	Step  Expr
}

// ---------------------------------------------------------- helper nodes

// Comprehension is one "for target in iter if ..." clause of a
// comprehension or generator expression. It has no span in CPython.
type Comprehension struct {
	Target  Expr
	Iter    Expr
	Ifs     []Expr
	IsAsync bool
}

// ExceptHandler is one "except [type [as name]]:" clause (or "except*");
// Name is "" when there is no "as".
type ExceptHandler struct {
	Pos
	Type Expr
	Name string
	Body []Stmt
}

// Arguments is the parameter list of a def or lambda. KwDefaults has one
// entry per KwOnlyArgs entry, nil where that parameter has no default;
// Defaults holds the defaults of the last len(Defaults) positional
// parameters (PosOnlyArgs then Args). It has no span in CPython.
type Arguments struct {
	PosOnlyArgs []*Arg
	Args        []*Arg
	VarArg      *Arg
	KwOnlyArgs  []*Arg
	KwDefaults  []Expr
	KwArg       *Arg
	Defaults    []Expr
}

// Arg is one parameter, with its annotation or nil.
type Arg struct {
	Pos
	Arg        string
	Annotation Expr
}

// Keyword is a keyword argument "arg=value" of a call or class line; Arg
// is "" for "**value".
type Keyword struct {
	Pos
	Arg   string
	Value Expr
}

// Alias is one name of an import, "name [as asname]"; Asname is "" when
// there is no "as". Name is dotted for "import a.b", and "*" for
// "from m import *".
type Alias struct {
	Pos
	Name   string
	Asname string
}

// WithItem is one "context_expr [as optional_vars]" of a with statement.
// It has no span in CPython.
type WithItem struct {
	ContextExpr  Expr
	OptionalVars Expr
}

// MatchCase is one "case pattern [if guard]:" of a match statement. It
// has no span in CPython.
type MatchCase struct {
	Pattern Pattern
	Guard   Expr
	Body    []Stmt
}

// -------------------------------------------------------------- patterns

// MatchValue is a value pattern: a literal or a dotted name, compared
// with ==.
type MatchValue struct {
	Pos
	Value Expr
}

// MatchSingleton is the pattern None, True or False, compared with is;
// Value is nil, true or false.
type MatchSingleton struct {
	Pos
	Value any
}

// MatchSequence is a sequence pattern "[p1, p2, *rest]" or "(p1, p2)".
type MatchSequence struct {
	Pos
	Patterns []Pattern
}

// MatchMapping is a mapping pattern "{k1: p1, **rest}"; Rest is "" when
// there is no "**".
type MatchMapping struct {
	Pos
	Keys     []Expr
	Patterns []Pattern
	Rest     string
}

// MatchClass is a class pattern "Cls(p1, attr=p2)".
type MatchClass struct {
	Pos
	Cls         Expr
	Patterns    []Pattern
	KwdAttrs    []string
	KwdPatterns []Pattern
}

// MatchStar is "*name" in a sequence pattern; Name is "" for "*_".
type MatchStar struct {
	Pos
	Name string
}

// MatchAs is "pattern as name", a capture pattern "name" (Pattern nil),
// or the wildcard "_" (both empty).
type MatchAs struct {
	Pos
	Pattern Pattern
	Name    string
}

// MatchOr is an or-pattern "p1 | p2 | ...".
type MatchOr struct {
	Pos
	Patterns []Pattern
}

// ------------------------------------------------------- type parameters

// TypeVar is a type parameter "T" or "T: bound".
type TypeVar struct {
	Pos
	Name  string
	Bound Expr
}

// ParamSpec is a type parameter "**P".
type ParamSpec struct {
	Pos
	Name string
}

// TypeVarTuple is a type parameter "*Ts".
type TypeVarTuple struct {
	Pos
	Name string
}

// ------------------------------------------------------ interface marks

func (*Module) node() {}

func (*FunctionDef) node()      {}
func (*AsyncFunctionDef) node() {}
func (*ClassDef) node()         {}
func (*Return) node()           {}
func (*Delete) node()           {}
func (*Assign) node()           {}
func (*TypeAlias) node()        {}
func (*AugAssign) node()        {}
func (*AnnAssign) node()        {}
func (*For) node()              {}
func (*AsyncFor) node()         {}
func (*While) node()            {}
func (*If) node()               {}
func (*With) node()             {}
func (*AsyncWith) node()        {}
func (*Match) node()            {}
func (*Raise) node()            {}
func (*Try) node()              {}
func (*TryStar) node()          {}
func (*Assert) node()           {}
func (*Import) node()           {}
func (*ImportFrom) node()       {}
func (*Global) node()           {}
func (*Nonlocal) node()         {}
func (*ExprStmt) node()         {}
func (*Pass) node()             {}
func (*Break) node()            {}
func (*Continue) node()         {}

func (*FunctionDef) stmtNode()      {}
func (*AsyncFunctionDef) stmtNode() {}
func (*ClassDef) stmtNode()         {}
func (*Return) stmtNode()           {}
func (*Delete) stmtNode()           {}
func (*Assign) stmtNode()           {}
func (*TypeAlias) stmtNode()        {}
func (*AugAssign) stmtNode()        {}
func (*AnnAssign) stmtNode()        {}
func (*For) stmtNode()              {}
func (*AsyncFor) stmtNode()         {}
func (*While) stmtNode()            {}
func (*If) stmtNode()               {}
func (*With) stmtNode()             {}
func (*AsyncWith) stmtNode()        {}
func (*Match) stmtNode()            {}
func (*Raise) stmtNode()            {}
func (*Try) stmtNode()              {}
func (*TryStar) stmtNode()          {}
func (*Assert) stmtNode()           {}
func (*Import) stmtNode()           {}
func (*ImportFrom) stmtNode()       {}
func (*Global) stmtNode()           {}
func (*Nonlocal) stmtNode()         {}
func (*ExprStmt) stmtNode()         {}
func (*Pass) stmtNode()             {}
func (*Break) stmtNode()            {}
func (*Continue) stmtNode()         {}

func (*BoolOp) node()         {}
func (*NamedExpr) node()      {}
func (*BinOp) node()          {}
func (*UnaryOp) node()        {}
func (*Lambda) node()         {}
func (*IfExp) node()          {}
func (*Dict) node()           {}
func (*Set) node()            {}
func (*ListComp) node()       {}
func (*SetComp) node()        {}
func (*DictComp) node()       {}
func (*GeneratorExp) node()   {}
func (*Await) node()          {}
func (*Yield) node()          {}
func (*YieldFrom) node()      {}
func (*Compare) node()        {}
func (*Call) node()           {}
func (*FormattedValue) node() {}
func (*JoinedStr) node()      {}
func (*Constant) node()       {}
func (*Attribute) node()      {}
func (*Subscript) node()      {}
func (*Starred) node()        {}
func (*Name) node()           {}
func (*List) node()           {}
func (*Tuple) node()          {}
func (*Slice) node()          {}

func (*BoolOp) exprNode()         {}
func (*NamedExpr) exprNode()      {}
func (*BinOp) exprNode()          {}
func (*UnaryOp) exprNode()        {}
func (*Lambda) exprNode()         {}
func (*IfExp) exprNode()          {}
func (*Dict) exprNode()           {}
func (*Set) exprNode()            {}
func (*ListComp) exprNode()       {}
func (*SetComp) exprNode()        {}
func (*DictComp) exprNode()       {}
func (*GeneratorExp) exprNode()   {}
func (*Await) exprNode()          {}
func (*Yield) exprNode()          {}
func (*YieldFrom) exprNode()      {}
func (*Compare) exprNode()        {}
func (*Call) exprNode()           {}
func (*FormattedValue) exprNode() {}
func (*JoinedStr) exprNode()      {}
func (*Constant) exprNode()       {}
func (*Attribute) exprNode()      {}
func (*Subscript) exprNode()      {}
func (*Starred) exprNode()        {}
func (*Name) exprNode()           {}
func (*List) exprNode()           {}
func (*Tuple) exprNode()          {}
func (*Slice) exprNode()          {}

func (*Comprehension) node() {}
func (*ExceptHandler) node() {}
func (*Arguments) node()     {}
func (*Arg) node()           {}
func (*Keyword) node()       {}
func (*Alias) node()         {}
func (*WithItem) node()      {}
func (*MatchCase) node()     {}

func (*MatchValue) node()     {}
func (*MatchSingleton) node() {}
func (*MatchSequence) node()  {}
func (*MatchMapping) node()   {}
func (*MatchClass) node()     {}
func (*MatchStar) node()      {}
func (*MatchAs) node()        {}
func (*MatchOr) node()        {}

func (*MatchValue) patternNode()     {}
func (*MatchSingleton) patternNode() {}
func (*MatchSequence) patternNode()  {}
func (*MatchMapping) patternNode()   {}
func (*MatchClass) patternNode()     {}
func (*MatchStar) patternNode()      {}
func (*MatchAs) patternNode()        {}
func (*MatchOr) patternNode()        {}

func (*TypeVar) node()      {}
func (*ParamSpec) node()    {}
func (*TypeVarTuple) node() {}

func (*TypeVar) typeParamNode()      {}
func (*ParamSpec) typeParamNode()    {}
func (*TypeVarTuple) typeParamNode() {}

// String returns the context's CPython name: "Load", "Store" or "Del".
func (c ExprContext) String() string {
	return [...]string{"Load", "Store", "Del"}[c]
}

// String returns the operator's CPython name: "And" or "Or".
func (o BoolOperator) String() string { return [...]string{"And", "Or"}[o] }

// String returns the operator's CPython name, such as "Add".
func (o Operator) String() string {
	return [...]string{"Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow",
		"LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"}[o]
}

// Symbol returns the operator as written in source, such as "+".
func (o Operator) Symbol() string {
	return [...]string{"+", "-", "*", "@", "/", "%", "**", "<<", ">>", "|",
		"^", "&", "//"}[o]
}

// String returns the operator's CPython name, such as "USub".
func (o UnaryOperator) String() string {
	return [...]string{"Invert", "Not", "UAdd", "USub"}[o]
}

// String returns the operator's CPython name, such as "NotEq".
func (o CmpOperator) String() string {
	return [...]string{"Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is",
		"IsNot", "In", "NotIn"}[o]
}

// Symbol returns the operator as written in source, such as "not in".
func (o CmpOperator) Symbol() string {
	return [...]string{"==", "!=", "<", "<=", ">", ">=", "is", "is not",
		"in", "not in"}[o]
}

// String returns "Ellipsis", as Python's repr does.
func (EllipsisType) String() string { return "Ellipsis" }
