// Package experiments holds rwgil's experiments as a library, so that
// the CLI (rwgil bench, rwgil demo), the tests and a researcher's own
// programs run the same code.
//
// An experiment puts the lock designs side by side on one workload in
// one run. The workloads of E1-E8 are Python files (workloads/*.py,
// embedded in the package) that run unchanged under rwgil and (E8's
// aside) CPython and print their measurements as one JSON line; Run executes one in a
// fresh rwgil runtime configured by a Target (policy, priorities, mutex,
// refcount strategy, switch interval, safe points) or in a fresh CPython
// process. Interleave runs the targets in rounds, A B C A B C, so that
// every ratio is taken between runs made seconds apart while a shared
// machine's speed drifts; a Spread reports the median and the range of
// the per-round figures.
//
// Each experiment is a function with a config whose zero fields take
// defaults, returning typed rows: [E1] single-thread cost, [E2] scaling,
// [E3] Amdahl's law for unported calls, [E4] time to safe point, [E5]
// Beazley's convoy, [E6] Sitbon's lock hand-off, [E7] reference
// counting, [E8] interpreters against threads. The registry (All, Lookup) wraps each as an Experiment whose
// Run returns a Table -- printed rows, the same rows typed for JSON, a
// Plot, the seed claim it tests and notes on what the figures say --
// which `rwgil bench` prints and docs/experiments.md is generated from.
//
// Two older experiments remain for rwgil demo:
//
//   - [Workload] runs one bytecode program under each policy: N threads
//     loop on core work and, in its "unported" variant, call
//     legacy_counter.increment() every 100 iterations.
//   - [LockDemo] is the lock alone, without the interpreter: core threads
//     that attach, poll at every step and work, one of which promotes
//     every so often (rwgil demo -lock).
package experiments
