package core

import (
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestStableSort: stableSort orders any slice as slices.SortStableFunc
// does -- by key, equal keys in their original order -- with the number
// of comparisons of a merge sort, and n-1 for a sorted slice.
func TestStableSort(t *testing.T) {
	type item struct{ key, pos int }
	rapid.Check(t, func(t *rapid.T) {
		keys := rapid.SliceOfN(rapid.IntRange(0, 20), 0, 300).Draw(t, "keys")
		presorted := rapid.Bool().Draw(t, "presorted")
		if presorted {
			slices.Sort(keys)
		}
		got := make([]item, len(keys))
		for i, k := range keys {
			got[i] = item{k, i}
		}
		want := slices.Clone(got)
		slices.SortStableFunc(want, func(a, b item) int { return a.key - b.key })
		compares := 0
		stableSort(got, func(a, b item) bool { compares++; return a.key < b.key })
		if !slices.Equal(got, want) {
			t.Fatalf("sorted %v\ngot  %v\nwant %v", keys, got, want)
		}
		n := len(keys)
		bound := n * (bitLen(n) + 1)
		if presorted && n > 0 {
			bound = n - 1
		}
		if compares > bound {
			t.Fatalf("%d comparisons for %d items (presorted %v), want at most %d", compares, n, presorted, bound)
		}
	})
}

func bitLen(n int) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
}
