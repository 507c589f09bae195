package experiments

import (
	"strings"
	"testing"
)

// TestLineWriter: a workload's output, written in pieces that split
// lines anywhere, has each JSON line decoded once and handed on as it
// completes; the result is the last one, a last line without a newline
// included; a bad last JSON line and output without one are errors that
// say so.
func TestLineWriter(t *testing.T) {
	for _, c := range []struct {
		out     string
		seen    int    // lines handed to onLine
		want    string // the result's "k", or the error's words
		wantErr bool
	}{
		{"starting\n{\"port\": 1}\nnoise {x}\n{\"k\": \"a\"}\n", 2, "a", false},
		{"{\"k\": \"a\"}\n{\"k\": \"b\"}", 2, "b", false},
		{"{\"k\": \"a\"}\n{\"k\": \n", 1, `its JSON line "{\"k\":"`, true},
		{"just text\n", 0, `printed no JSON line (output: "just text\n")`, true},
		{"", 0, "printed no JSON line", true},
	} {
		for _, piece := range []int{1, 3, len(c.out) + 1} {
			seen := 0
			w := &lineWriter{onLine: func(map[string]any) { seen++ }}
			for s := c.out; s != ""; {
				n := min(piece, len(s))
				if _, err := w.Write([]byte(s[:n])); err != nil {
					t.Fatal(err)
				}
				s = s[n:]
			}
			v, err := w.result()
			switch {
			case c.wantErr && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("%q in pieces of %d: got %v, %v; want an error saying %s", c.out, piece, v, err, c.want)
			case !c.wantErr && (err != nil || v["k"] != c.want):
				t.Errorf("%q in pieces of %d: got %v, %v; want k = %q", c.out, piece, v, err, c.want)
			}
			if seen != c.seen {
				t.Errorf("%q in pieces of %d: onLine saw %d lines, want %d", c.out, piece, seen, c.seen)
			}
		}
	}
}
