package syntax

// tokKind is the kind of a token, as CPython's tokenizer hands it to the
// parser. Operators and keywords are told apart by token.op.
type tokKind uint8

const (
	tEndmarker tokKind = iota
	tName
	tNumber
	tString
	tNewline
	tIndent
	tDedent
	tOp
	tFStringStart
	tFStringMiddle
	tFStringEnd
	tError
)

// op identifies an operator or a keyword. Soft keywords (match, case, _,
// type) are plain names.
type op uint8

const (
	opNone op = iota
	// operators
	opLpar     // (
	opRpar     // )
	opLsqb     // [
	opRsqb     // ]
	opColon    // :
	opComma    // ,
	opSemi     // ;
	opPlus     // +
	opMinus    // -
	opStar     // *
	opSlash    // /
	opVbar     // |
	opAmper    // &
	opLess     // <
	opGreater  // >
	opEqual    // =
	opDot      // .
	opPercent  // %
	opLbrace   // {
	opRbrace   // }
	opEqEqual  // ==
	opNotEqual // !=
	opLessEq   // <=
	opGreatEq  // >=
	opTilde    // ~
	opCircum   // ^
	opLShift   // <<
	opRShift   // >>
	opDStar    // **
	opPlusEq   // +=
	opMinusEq  // -=
	opStarEq   // *=
	opSlashEq  // /=
	opPercEq   // %=
	opAmperEq  // &=
	opVbarEq   // |=
	opCircEq   // ^=
	opLShiftEq // <<=
	opRShiftEq // >>=
	opDStarEq  // **=
	opDSlash   // //
	opDSlashEq // //=
	opAt       // @
	opAtEq     // @=
	opRArrow   // ->
	opEllipsis // ...
	opWalrus   // :=
	opExclam   // !
	opLtGt     // <> (a NOTEQUAL token that matches nothing without barry_as_FLUFL)
	// keywords
	kwFalse
	kwNone
	kwTrue
	kwAnd
	kwAs
	kwAssert
	kwAsync
	kwAwait
	kwBreak
	kwClass
	kwContinue
	kwDef
	kwDel
	kwElif
	kwElse
	kwExcept
	kwFinally
	kwFor
	kwFrom
	kwGlobal
	kwIf
	kwImport
	kwIn
	kwIs
	kwLambda
	kwNonlocal
	kwNot
	kwOr
	kwPass
	kwRaise
	kwReturn
	kwTry
	kwWhile
	kwWith
	kwYield
	opCount
)

var keywords = map[string]op{
	"False": kwFalse, "None": kwNone, "True": kwTrue, "and": kwAnd,
	"as": kwAs, "assert": kwAssert, "async": kwAsync, "await": kwAwait,
	"break": kwBreak, "class": kwClass, "continue": kwContinue,
	"def": kwDef, "del": kwDel, "elif": kwElif, "else": kwElse,
	"except": kwExcept, "finally": kwFinally, "for": kwFor,
	"from": kwFrom, "global": kwGlobal, "if": kwIf, "import": kwImport,
	"in": kwIn, "is": kwIs, "lambda": kwLambda, "nonlocal": kwNonlocal,
	"not": kwNot, "or": kwOr, "pass": kwPass, "raise": kwRaise,
	"return": kwReturn, "try": kwTry, "while": kwWhile, "with": kwWith,
	"yield": kwYield,
}

var oneCharOps = [128]op{
	'(': opLpar, ')': opRpar, '[': opLsqb, ']': opRsqb, ':': opColon,
	',': opComma, ';': opSemi, '+': opPlus, '-': opMinus, '*': opStar,
	'/': opSlash, '|': opVbar, '&': opAmper, '<': opLess, '>': opGreater,
	'=': opEqual, '.': opDot, '%': opPercent, '{': opLbrace, '}': opRbrace,
	'~': opTilde, '^': opCircum, '@': opAt, '!': opExclam,
}

// twoCharOp returns the operator spelled c1 c2, or opNone.
func twoCharOp(c1, c2 byte) op {
	switch c1 {
	case '!':
		if c2 == '=' {
			return opNotEqual
		}
	case '%':
		if c2 == '=' {
			return opPercEq
		}
	case '&':
		if c2 == '=' {
			return opAmperEq
		}
	case '*':
		switch c2 {
		case '*':
			return opDStar
		case '=':
			return opStarEq
		}
	case '+':
		if c2 == '=' {
			return opPlusEq
		}
	case '-':
		switch c2 {
		case '=':
			return opMinusEq
		case '>':
			return opRArrow
		}
	case '/':
		switch c2 {
		case '/':
			return opDSlash
		case '=':
			return opSlashEq
		}
	case ':':
		if c2 == '=' {
			return opWalrus
		}
	case '<':
		switch c2 {
		case '<':
			return opLShift
		case '=':
			return opLessEq
		case '>':
			return opLtGt
		}
	case '=':
		if c2 == '=' {
			return opEqEqual
		}
	case '>':
		switch c2 {
		case '=':
			return opGreatEq
		case '>':
			return opRShift
		}
	case '@':
		if c2 == '=' {
			return opAtEq
		}
	case '^':
		if c2 == '=' {
			return opCircEq
		}
	case '|':
		if c2 == '=' {
			return opVbarEq
		}
	}
	return opNone
}

// threeCharOp returns the operator spelled c1 c2 c3, or opNone.
func threeCharOp(c1, c2, c3 byte) op {
	switch {
	case c1 == '*' && c2 == '*' && c3 == '=':
		return opDStarEq
	case c1 == '.' && c2 == '.' && c3 == '.':
		return opEllipsis
	case c1 == '/' && c2 == '/' && c3 == '=':
		return opDSlashEq
	case c1 == '<' && c2 == '<' && c3 == '=':
		return opLShiftEq
	case c1 == '>' && c2 == '>' && c3 == '=':
		return opRShiftEq
	}
	return opNone
}

// token is one token. Lines count from 1, columns from 0 in bytes; col is
// -1 for INDENT, DEDENT and ENDMARKER, which CPython gives no column.
type token struct {
	kind tokKind
	op   op // operator or keyword; opNone for other kinds
	// text is the token's source text (for a string, with prefix and
	// quotes).
	text                     string
	line, col, endLine, endC int
	// level is the bracket nesting level after the token.
	level int
	// meta is the source text of an f-string replacement field's
	// expression up to this token (for the "=" debugging specifier); set
	// on "=", "!", ":" and "}" tokens that end one.
	meta    string
	hasMeta bool
}

func (t *token) is(o op) bool { return t.op == o }
