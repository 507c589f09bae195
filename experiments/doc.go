// Package experiments holds rwgil's bundled experiments as a library, so
// that the CLI (rwgil demo, rwgil bench), the Go benchmarks and a
// researcher's own programs run the same code.
//
// Each experiment takes a config with usable zero values, runs the
// policies side by side in one process -- so that results are ratios
// measured under the same load on a shared, noisy machine -- and returns
// rows that a table writer prints and encoding/json marshals. Absolute
// times are reported only alongside the ratios.
//
// For now the package has the lock-only demonstration of DESIGN.md
// section 3 ([LockDemo]): core threads that attach, poll at every step and
// do work, one of which periodically promotes, under each policy. It is
// what `rwgil demo` shows until the interpreter core lands.
package experiments
