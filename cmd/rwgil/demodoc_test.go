package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestDemoDoc: the run pasted in docs/demo.md is what rwgil demo prints
// today, line for line, up to the numbers (seeds, counts, rates), which
// differ from run to run. A change to the demo's output fails here until
// docs/demo.md is pasted again (issue 12, item 16: the docs describe what
// exists).
func TestDemoDoc(t *testing.T) {
	doc, err := os.ReadFile("../../docs/demo.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "## A run, pasted")
	if !ok {
		t.Fatal(`docs/demo.md has no "## A run, pasted" section`)
	}
	_, block, ok := strings.Cut(after, "```\n")
	if ok {
		block, _, ok = strings.Cut(block, "```")
	}
	if !ok {
		t.Fatal("docs/demo.md's pasted run is not in a ``` block")
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"demo", "-checks", "3", "-iterations", "5000", "-threads", "2"}, &stdout, &stderr); code != 0 {
		t.Fatalf("rwgil demo: exit %d\n%s", code, &stderr)
	}
	want, got := shape(block), shape(stdout.String())
	for i := 0; i < max(len(want), len(got)); i++ {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			t.Fatalf("docs/demo.md's pasted run differs from rwgil demo's output at line %d (numbers as #):\n  docs/demo.md: %q\n  rwgil demo:   %q\nrwgil demo printed:\n%s", i+1, w, g, &stdout)
		}
	}
}

var number = regexp.MustCompile(`[0-9][0-9.,]*[KMGµnm]?s?|[0-9]`)

// shape is text's lines with every number as # and runs of spaces as one.
func shape(text string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		l = number.ReplaceAllString(l, "#")
		out = append(out, strings.Join(strings.Fields(l), " "))
	}
	return out
}
