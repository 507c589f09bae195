package syntax

// Inspect traverses the tree under n depth first, as go/ast.Inspect does:
// it calls f(n); if that returns true, it inspects each of n's children in
// the order of CPython's fields, then calls f(nil). That is the source's
// order except where CPython's fields regroup it (a Call's Args, starred
// ones included, come before its Keywords). Nil children (an absent
// optional field, a Dict's nil key) are skipped.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || isNilNode(n) || !f(n) {
		return
	}
	_, fields, _ := nodeFields(n)
	for _, fl := range fields {
		inspectValue(fl.value, f)
	}
	f(nil)
}

func inspectValue(v any, f func(Node) bool) {
	switch x := v.(type) {
	case Node:
		Inspect(x, f)
	case list:
		for _, e := range x {
			inspectValue(e, f)
		}
	}
}
