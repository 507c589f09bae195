package core

import (
	"fmt"

	"github.com/rwgil/rwgil/refcount"
)

// TracebackObject is a traceback object, as a context manager's __exit__
// receives one: a chain from the frame that caught the exception (the
// outermost entry recorded) to the one that raised it, with tb_lineno
// and tb_next. rwgil has no frame objects, so tb_frame is absent.
type TracebackObject struct {
	Header
	entry TraceEntry
	next  *TracebackObject // nil: the last
}

// Dealloc implements refcount.Object.
func (t *TracebackObject) Dealloc(by *refcount.Owner) {
	untrack(t, by)
	if t.next != nil {
		decrefBy(t.next, by)
	}
}

// Describe implements refcount.Object.
func (t *TracebackObject) Describe() string { return describe(t) }

// pyRepr is repr(tb).
func (t *TracebackObject) pyRepr(th *Thread) (string, error) {
	return fmt.Sprintf("<traceback object at %#x>", ID(t)), nil
}

// pyAttr reads tb_lineno and tb_next.
func (t *TracebackObject) pyAttr(th *Thread, name string) (Object, bool, error) {
	switch name {
	case "tb_lineno":
		return th.NewInt(int64(t.entry.Line)), true, nil
	case "tb_next":
		if t.next == nil {
			return th.rt.None, true, nil
		}
		return th.newRef(t.next), true, nil
	}
	return nil, false, nil
}

// tracebackObject returns a new reference to e's traceback as a
// traceback object, or None when it has no entries.
func (th *Thread) tracebackObject(e *Exception) Object {
	var tb *TracebackObject
	for _, entry := range e.traceback { // innermost first: build from the end of the chain
		t := &TracebackObject{entry: entry, next: tb}
		t.typ = th.rt.ev.traceback
		th.track(t)
		tb = t
	}
	if tb == nil {
		return th.rt.None
	}
	return tb
}
