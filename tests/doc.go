// Package tests is rwgil's guarantee suite: docs/design.md's
// guarantees G1-G9 as property tests that can fail, each run under every
// policy it speaks of and in both modes -- real goroutines (under -race
// in CI) and the deterministic scheduler of package schedule, with rapid
// choosing every switch.
//
// The properties run generated programs, written as Python source and
// compiled by the front end (python/compile), so that every step of a
// report names a source line. A Program is a few threads, each a list of
// operations (Op): core built-ins, the FAQ's atomic and
// non-atomic sequences (`counter += 1`, `counter += one()`), and calls
// into each bundled extension module -- callbacks, blocking sections,
// Ensure from the timer's own goroutine, nested promotions, a panicking
// extension. The main thread runs them all, joins them and prints the
// shared state; an Outcome is what it printed and how the run ended.
// Guarantees lists the rows that such programs check, with docs/design.md's
// verdict per policy: where a guarantee must hold, every generated case
// must keep it (and the deterministic cases must have switched threads);
// where it must be seen broken -- G1 under free, G3 as its row says -- a
// counterexample must be found, and in deterministic mode it is shrunk to
// a few threads and switches and logged as an interleaving table. G2
// (linearizability, checked with porcupine), G8 (promotions do not starve
// core threads) and G9 (sticky: free until an unported import, the GIL
// after) have tests of their own, and rows of the catalogue: G2Row,
// G8Row and G10Row (isolation of interpreters, g10.go) are measured by the
// catalogue itself (rows.go), G9 explored exhaustively (ExploreSticky).
//
// Catalogue runs every row in deterministic mode from a fixed rapid seed
// and Markdown renders the result as docs/atomicity.md -- each
// counterexample as a report (Report, schedule.Explain), its program and
// schedule as files under docs/atomicity/ that rwgil run replays -- which
// a test keeps current; rwgil demo shows the same matrix in short.
//
// The package's non-test code is there for rwgil demo; the properties
// themselves are in the _test files. Budgets: 40 cases per property by
// default (-rapid.checks=N or RAPID_CHECKS=N to soak).
package tests
