package tests

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/atomicity.md from the catalogue")

// atomicityDoc is the generated catalogue, checked in.
var atomicityDoc = filepath.Join("..", "docs", "atomicity.md")

// defaultCatalogue is the default catalogue, computed once per test
// binary. It is deterministic -- deterministic mode, a fixed rapid seed,
// compared byte for byte with the checked-in file -- so computing it again
// proves nothing; and go test -count=N runs every test N times in one
// binary under one -timeout (10 minutes by default). A pass of the
// package cost 132 CPU-seconds, two thirds of them the catalogue: five
// passes on 2 cores beside two busy processes would run past the
// timeout, five with the catalogue once fit in about half of it.
var defaultCatalogue = sync.OnceValue(func() []Cell { return Catalogue(DefaultCatalogue, nil) })

// TestAtomicityDocIsCurrent regenerates the atomicity catalogue -- every
// guarantee under every policy, deterministic mode, a fixed rapid seed --
// and fails if docs/atomicity.md differs from it, or if any verdict
// differs from docs/design.md's. With -update it rewrites the file instead.
//
// The catalogue shrinks every counterexample, which a -race build makes
// ten times slower; it skips there, and .ci/run runs it without -race.
func TestAtomicityDocIsCurrent(t *testing.T) {
	if raceEnabled {
		t.Skip("the catalogue is checked without -race (.ci/run runs it so)")
	}
	if testing.Short() && !*update {
		t.Skip("the whole catalogue takes minutes; -short skips it (TestMeasuredRows and TestGuarantees check the same rows with fewer cases)")
	}
	cells := defaultCatalogue()
	for _, c := range cells {
		if c.Found != c.Expected {
			t.Errorf("%s under %v: found %v, docs/design.md says %v\n%s", c.Guarantee.ID, c.Policy, c.Found, c.Expected, c.Counterexample)
		}
	}
	got := Markdown(cells, DefaultCatalogue)
	files := Files(cells)
	if *update {
		if err := os.WriteFile(atomicityDoc, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		old, _ := filepath.Glob(filepath.Join("..", "docs", "atomicity", "*"))
		for _, f := range old {
			os.Remove(f)
		}
		for path, text := range files {
			full := filepath.Join("..", filepath.FromSlash(path))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for path, text := range files {
		have, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(path)))
		if err != nil || string(have) != text {
			t.Errorf("%s is missing or stale: regenerate with go test ./tests -run TestAtomicityDocIsCurrent -update", path)
		}
	}
	want, err := os.ReadFile(atomicityDoc)
	if err != nil {
		t.Fatalf("%v; generate it with go test ./tests -run TestAtomicityDocIsCurrent -update", err)
	}
	if string(want) != got {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		line := 0
		for line < len(gl) && line < len(wl) && gl[line] == wl[line] {
			line++
		}
		var g, w string
		if line < len(gl) {
			g = gl[line]
		}
		if line < len(wl) {
			w = wl[line]
		}
		t.Errorf("docs/atomicity.md is stale from line %d:\n  file:      %q\n  generated: %q\nregenerate with: go test ./tests -run TestAtomicityDocIsCurrent -update (or rwgil demo -atomicity -markdown > docs/atomicity.md)", line+1, w, g)
	}
}
