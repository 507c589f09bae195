package core

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// refDistance is the edit distance of suggestions.c by the whole matrix:
// a case change costs suggestCaseCost, any other substitution, insertion
// or deletion suggestMoveCost.
func refDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i * suggestMoveCost
	}
	for j := range d[0] {
		d[0][j] = j * suggestMoveCost
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			d[i][j] = min(d[i-1][j]+suggestMoveCost, d[i][j-1]+suggestMoveCost, d[i-1][j-1]+substitutionCost(a[i-1], b[j-1]))
		}
	}
	return d[len(a)][len(b)]
}

// TestLevenshteinProperty checks the one-row, early-exit distance against
// the whole matrix: equal when within maxCost, above maxCost otherwise
// (past the common affixes, strings longer than suggestMaxString are
// always too far, as in CPython).
func TestLevenshteinProperty(t *testing.T) {
	word := rapid.StringOfN(rapid.SampledFrom([]rune("abcABC_xyZ1")), 0, 50, -1)
	rapid.Check(t, func(t *rapid.T) {
		a, b := word.Draw(t, "a"), word.Draw(t, "b")
		maxCost := rapid.IntRange(0, 60).Draw(t, "maxCost")
		got := levenshtein(a, b, maxCost, make([]int, suggestMaxString))
		ta, tb := a, b
		for len(ta) > 0 && len(tb) > 0 && ta[0] == tb[0] {
			ta, tb = ta[1:], tb[1:]
		}
		for len(ta) > 0 && len(tb) > 0 && ta[len(ta)-1] == tb[len(tb)-1] {
			ta, tb = ta[:len(ta)-1], tb[:len(tb)-1]
		}
		want := refDistance(a, b)
		if len(ta) > 0 && len(tb) > 0 && (len(ta) > suggestMaxString || len(tb) > suggestMaxString) {
			want = maxCost + 1
		}
		switch {
		case want <= maxCost && got != want:
			t.Fatalf("levenshtein(%q, %q, %d) = %d, want %d", a, b, maxCost, got, want)
		case want > maxCost && got <= maxCost:
			t.Fatalf("levenshtein(%q, %q, %d) = %d, want more than %d (the distance is %d)", a, b, maxCost, got, maxCost, want)
		}
	})
}

// TestCalculateSuggestion checks CPython 3.12's choices (each checked with
// python3.12: the AttributeError of an object whose __dir__ returns dir).
func TestCalculateSuggestion(t *testing.T) {
	many := make([]string, suggestMaxCandidates)
	for i := range many {
		many[i] = "name" + strings.Repeat("x", i%7) + string(rune('a'+i%26))
	}
	many[0] = "print"
	tests := []struct {
		dir  []string
		name string
		want string
	}{
		{[]string{"print", "len"}, "pritn", "print"},
		{[]string{"self"}, "sefl", ""},         // a swap is two substitutions: too far
		{[]string{"ABC", "abc"}, "abC", "abc"}, // case flips cost 1 each
		{[]string{"append", "extend"}, "apend", "append"},
		{[]string{"timeout"}, "TIMEOUT", ""}, // seven case flips
		{[]string{"timeout"}, "Timeout", "timeout"},
		{[]string{"pritn"}, "pritn", ""}, // the name itself is no suggestion
		{many, "pritn", ""},              // 750 candidates: none is looked at
		{many[:749], "pritn", "print"},
		{[]string{strings.Repeat("a", 41) + "b"}, strings.Repeat("a", 41) + "c", strings.Repeat("a", 41) + "b"}, // long, but not past the common prefix
		{[]string{strings.Repeat("a", 41) + strings.Repeat("b", 43)}, strings.Repeat("a", 41) + "c", ""},
	}
	for _, tt := range tests {
		if got := calculateSuggestion(tt.dir, tt.name); got != tt.want {
			t.Errorf("calculateSuggestion(%d names, %q) = %q, want %q", len(tt.dir), tt.name, got, tt.want)
		}
	}
}
