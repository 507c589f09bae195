package core

import (
	"fmt"
	"unsafe"

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

// headerOf returns o's Header without an interface call, for the hot
// paths (reference counting). Every Object is a pointer to a struct whose
// first field is its Header, directly or through the first field of an
// embedded object struct (Instance), so the interface's data word points
// at the Header; TestHeaderFirst checks that of every object struct in
// core, and headerOf is o.header() wherever it holds.
func headerOf(o Object) *Header {
	return (*Header)((*[2]unsafe.Pointer)(unsafe.Pointer(&o))[1])
}
