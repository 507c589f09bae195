package core

import (
	"fmt"

	"github.com/rwgil/rwgil/refcount"
)

// Cell is a closure cell: one variable shared by the frame that owns it
// (Code.Cells) and the functions that capture it (Code.Free, through
// their closure tuple). LOAD_DEREF and STORE_DEREF read and write it. A
// cell is written by one thread at a time in any program that is correct
// under CPython's free-threaded build too; under every policy the
// contents is one word, swapped and read whole, so a racing program sees
// either the old or the new value, never a torn one (-race reports such
// a program, as it should).
//
// A class's __classcell__ (the __class__ of its methods and of
// zero-argument super()) holds the class without a reference: the class
// holds its methods, which hold the cell, and rwgil has no cycle
// collector to free that cycle. The class clears the cell when it is
// deallocated (releaseClassCell), so a method that outlives its class
// finds __class__ unbound rather than freed.
type Cell struct {
	Header
	ref  Object // nil: empty
	weak bool   // ref is a class's borrowed pointer (__classcell__)
}

// Dealloc implements refcount.Object.
func (c *Cell) Dealloc(by *refcount.Owner) {
	untrack(c, by)
	if c.ref != nil && !c.weak {
		decrefBy(c.ref, by)
	}
}

// Describe implements refcount.Object.
func (c *Cell) Describe() string { return describe(c) }

// newCell returns a new reference to a cell holding x (taken over; nil:
// empty).
func (th *Thread) newCell(x Object) *Cell {
	c := &Cell{ref: x}
	c.typ = th.rt.ev.cell
	th.track(c)
	return c
}

// get returns a new reference to the contents, or nil if the cell is
// empty.
func (c *Cell) get(th *Thread) Object {
	m := th.beginLeafCS(c)
	x := c.ref
	if x != nil {
		th.Incref(x)
	}
	th.endLeafCS(m)
	return x
}

// set stores x (a reference taken over; nil empties the cell) and drops
// the old contents; it returns whether the cell held something.
func (c *Cell) set(th *Thread, x Object) bool {
	m := th.beginLeafCS(c)
	old, weak := c.ref, c.weak
	c.ref, c.weak = x, false
	th.endLeafCS(m)
	if !weak {
		th.XDecref(old)
	}
	return old != nil
}

// setClass makes c the __classcell__ of cls: c holds cls without a
// reference until cls is deallocated (see Cell).
func (th *Thread) setClassCell(c *Cell, cls *Type) {
	th.beginCS(c)
	old, weak := c.ref, c.weak
	c.ref, c.weak = cls, true
	th.endCS()
	if !weak {
		th.XDecref(old)
	}
	th.Incref(c)
	if prev, loaded := th.rt.classCells.Swap(cls, c); loaded {
		th.Decref(prev.(*Cell))
	}
}

// releaseClassCell is called as class t is deallocated: its
// __classcell__, if any, is emptied and dropped.
func releaseClassCell(t *Type, by *refcount.Owner) {
	v, ok := t.rt.classCells.LoadAndDelete(t)
	if !ok {
		return
	}
	c := v.(*Cell)
	th := by.Context.(*Thread)
	th.beginCS(c)
	if c.weak && c.ref == Object(t) {
		c.ref, c.weak = nil, false
	}
	th.endCS()
	th.Decref(c)
}

// pyRepr is repr(cell), as CPython writes it.
func (c *Cell) pyRepr(th *Thread) (string, error) {
	x := c.get(th)
	if x == nil {
		return fmt.Sprintf("<cell at %#x: empty>", ID(c)), nil
	}
	defer th.Decref(x)
	return fmt.Sprintf("<cell at %#x: %s object at %#x>", ID(c), x.Type().name, ID(x)), nil
}

// pyAttr is cell.cell_contents.
func (c *Cell) pyAttr(th *Thread, name string) (Object, bool, error) {
	if name != "cell_contents" {
		return nil, false, nil
	}
	x := c.get(th)
	if x == nil {
		return nil, true, th.Raise(th.rt.types.exc.ValueError, "Cell is empty")
	}
	return x, true, nil
}
