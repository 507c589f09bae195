package syntax

// CaretAnchors places the anchors of a traceback's caret line as CPython
// 3.12's extract_anchors_from_expr does (Python/traceback.c): it parses
// segment -- the source of the failing instruction's span, on one line --
// as a module, and if that is one expression statement whose expression
// is a binary operation, it returns the operator's byte offsets in
// segment (leftEnd to rightStart: one or two characters, past any
// closing parenthesis of the left operand); for a subscript, its
// brackets. ok is false for any other segment. core.Config.CaretAnchors
// takes it, so that tracebacks underline "a + b" as ~~^~~ and "d[k]" as
// ~^^^.
func CaretAnchors(segment string) (leftEnd, rightStart int, ok bool) {
	m, err := Parse("<segment>", []byte(segment))
	if err != nil || len(m.Body) != 1 {
		return 0, 0, false
	}
	st, isExpr := m.Body[0].(*ExprStmt)
	if !isExpr {
		return 0, 0, false
	}
	space := func(i int) bool {
		c := segment[i]
		return c == ' ' || c == '\t' || c == '\f'
	}
	switch e := st.Value.(type) {
	case *BinOp:
		l, r := e.Left.Position().EndColOffset, e.Right.Position().ColOffset
		r = min(r, len(segment))
		leftEnd, rightStart = -1, -1
		for i := l; i < r; i++ {
			if space(i) {
				continue
			}
			leftEnd, rightStart = i, i+1
			if i+1 < r && !space(i+1) {
				rightStart++ // a two-character operator (//, **, <<, ...)
			}
			if i+1 < r && segment[i] == ')' {
				continue // the left operand's closing parenthesis
			}
			break
		}
		return leftEnd, rightStart, leftEnd >= 0
	case *Subscript:
		left := e.Value.Position().EndColOffset
		right := e.Slice.Position().EndColOffset + 1
		for left < len(segment) && segment[left] != '[' {
			left++
		}
		for right < len(segment) && segment[right] != ']' {
			right++
		}
		if right < len(segment) {
			right++
		}
		return left, right, true
	}
	return 0, 0, false
}
