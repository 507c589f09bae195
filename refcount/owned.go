//go:build !race && (amd64 || arm64 || ppc64 || ppc64le || riscv64 || s390x || loong64 || mips64 || mips64le)

package refcount

import (
	"sync/atomic"
	"unsafe"
)

// The hot paths write some words that only one thread ever writes -- an
// Owner's stats, the poison of an object nobody else can reach -- while
// other threads may read them atomically (Stats, Dead). On these 64-bit
// platforms a word's ordinary store is indivisible, and Go's memory model
// lets a racing word-sized read see only some value that was written, so
// these writes skip the locked instruction an atomic store is on amd64
// (XCHG: an int's death under the freelist path spent most of its time in
// two of them). The race detector's build keeps the atomic operations
// (owned_atomic.go), so that -race still checks everything else.

// bumpOwned adds one to a counter only the calling thread writes.
func bumpOwned(c *atomic.Uint64) { (*(*uint64)(unsafe.Pointer(c)))++ }

// storeOwned stores v into a word no other thread writes or reads
// meanwhile except atomically.
func storeOwned(p *atomic.Int64, v int64) { *(*int64)(unsafe.Pointer(p)) = v }
