//go:build race || !(amd64 || arm64 || ppc64 || ppc64le || riscv64 || s390x || loong64 || mips64 || mips64le)

package refcount

import "sync/atomic"

// bumpOwned and storeOwned are owned.go's, with atomic operations: under
// the race detector, and where a 64-bit store may be split.

func bumpOwned(c *atomic.Uint64) { c.Add(1) }

func storeOwned(p *atomic.Int64, v int64) { p.Store(v) }
