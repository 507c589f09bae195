// Package experiments holds rwgil's bundled experiments as a library, so
// that the CLI (rwgil demo), the Go benchmarks and a researcher's own
// programs run the same code.
//
// Each experiment takes a config with usable zero values, runs the
// policies side by side in one process -- so that results are ratios
// measured under the same load on a shared, noisy machine -- and returns
// rows that a table writer prints and encoding/json marshals. Absolute
// times are reported only alongside the ratios.
//
// Two experiments are here:
//
//   - [Workload] runs one program under each policy: N threads loop on
//     core work (`x = x + i` on a local) and, in its "unported" variant,
//     call legacy_counter.increment() every 100 iterations. Its rows give
//     throughput against the GIL, promotions, stops of the world and time
//     to safe point: the scaling, one point of the Amdahl curve and the
//     promotion latency of docs/design.md's experiments E2-E4. rwgil demo
//     prints it after the guarantee matrix.
//   - [LockDemo] is the lock alone, without the interpreter: core threads
//     that attach, poll at every step and work, one of which promotes
//     every so often (rwgil demo -lock).
//
// The other experiments of docs/design.md live as Go benchmarks beside
// their packages (E1, E6, E7) or are planned (E3's sweep, E5, E8, and a
// rwgil bench command to run them all); docs/design.md says which.
package experiments
