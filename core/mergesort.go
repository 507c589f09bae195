package core

// stableSort sorts s stably under less: a merge sort with a buffer of half
// the slice, insertion sort on short runs, and a merge skipped where the
// halves are already in order (so a sorted list costs n-1 comparisons).
// It replaced sort.SliceStable, whose in-place merges move every element
// O(log n) times through reflection; list.sort spent most of its time
// there. Like Python's sort it makes O(n log n) comparisons, though not
// timsort's exact sequence of them.
func stableSort[T any](s []T, less func(a, b T) bool) {
	if len(s) < 2 {
		return
	}
	buf := make([]T, len(s)/2+1)
	mergeSort(s, buf, less)
}

// insertionRun is the length up to which mergeSort sorts by insertion.
const insertionRun = 12

func mergeSort[T any](s, buf []T, less func(a, b T) bool) {
	if len(s) <= insertionRun {
		for i := 1; i < len(s); i++ {
			x := s[i]
			j := i
			for ; j > 0 && less(x, s[j-1]); j-- {
				s[j] = s[j-1]
			}
			s[j] = x
		}
		return
	}
	mid := len(s) / 2
	mergeSort(s[:mid], buf, less)
	mergeSort(s[mid:], buf, less)
	if !less(s[mid], s[mid-1]) {
		return // already in order
	}
	// Merge: the left half moves to buf, and the merged run is written
	// from the front of s, never past what is still to be read from the
	// right half.
	left := buf[:mid]
	copy(left, s[:mid])
	i, j, k := 0, mid, 0
	for i < len(left) && j < len(s) {
		if less(s[j], left[i]) {
			s[k] = s[j]
			j++
		} else {
			s[k] = left[i]
			i++
		}
		k++
	}
	copy(s[k:], left[i:])
}
