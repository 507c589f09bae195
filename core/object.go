package core

import (
	"fmt"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/refcount"
)

// Object is any value of a runtime. Every implementation embeds a Header.
type Object interface {
	refcount.Object
	// Type returns the object's type (its class).
	Type() *Type
	header() *Header
}

// Header is the part every object starts with: its type, its reference
// count (kept by the runtime's refcount strategy; the creating thread is
// its owner) and the lock of its per-object critical sections.
type Header struct {
	typ *Type
	rc  refcount.Count
	// mu is taken by critical sections on mutable objects (list, dict,
	// set, instance and module dicts); immutable objects never lock it.
	mu eml.Mutex
}

// RefCount implements refcount.Object.
func (h *Header) RefCount() *refcount.Count { return &h.rc }

// Type returns the object's type.
func (h *Header) Type() *Type { return h.typ }

func (h *Header) header() *Header { return h }

// describe names an object for reports: its type and address.
func describe(o Object) string {
	return fmt.Sprintf("%s object at %p", o.Type().name, o)
}
