package core

import "testing"

// TestHashSeed: Config.HashSeed fixes str and bytes hashes across
// runtimes, two seeds hash differently, and without a seed each runtime
// draws its own (hash randomization).
func TestHashSeed(t *testing.T) {
	seed := func(n uint32) *uint32 { return &n }
	hashes := func(s *uint32) [2]int64 {
		_, th := testRuntime(t, Config{HashSeed: s})
		var h [2]int64
		for i, o := range []Object{th.NewStr("spam"), th.NewBytes([]byte("eggs"))} {
			v, err := th.Hash(o)
			if err != nil {
				t.Fatal(err)
			}
			h[i] = v
			th.Decref(o)
		}
		return h
	}
	for _, tc := range []struct {
		name string
		a, b *uint32
		same bool
	}{
		{"one seed", seed(0), seed(0), true},
		{"one large seed", seed(4294967295), seed(4294967295), true},
		{"two seeds", seed(0), seed(1), false},
		{"random", nil, nil, false},
	} {
		a, b := hashes(tc.a), hashes(tc.b)
		if (a == b) != tc.same {
			t.Errorf("%s: hashes %v and %v; want them the same: %v", tc.name, a, b, tc.same)
		}
	}
}
