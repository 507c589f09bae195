package schedule_test

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/schedule"
)

// TestParseChoices: the schedule file's syntax, each error naming the
// file, the line and what is wrong, and the limit on the number of
// choices.
func TestParseChoices(t *testing.T) {
	tests := []struct {
		name, text string
		limit      int64
		want       []schedule.ChoiceRun
		comments   []string
		err        string
	}{
		{name: "empty", text: ""},
		{name: "comments only", text: "# rwgil schedule\n#program x\n", comments: []string{"rwgil schedule", "program x"}},
		{name: "runs", text: "1 0*2 1\n\n  2*3  0\n", want: []schedule.ChoiceRun{{1, 1}, {0, 2}, {1, 1}, {2, 3}, {0, 1}}},
		{name: "adjacent equal runs merge", text: "0 0*3\n0", want: []schedule.ChoiceRun{{0, 5}}},
		{name: "leading zeros", text: "01*002", want: []schedule.ChoiceRun{{1, 2}}},
		{name: "the fuzz worker killer", text: "1 0*33333333", want: []schedule.ChoiceRun{{1, 1}, {0, 33333333}}},
		{name: "at the limit", text: "0*9 1", limit: 10, want: []schedule.ChoiceRun{{0, 9}, {1, 1}}},
		{name: "past the limit in one count", text: "0*11", limit: 10, err: `f:1: "0*11": the count after * is more than the limit of 10 choices (-max-steps)`},
		{name: "past the limit in total", text: "0*5\n1*5 2", limit: 10, err: "f:2: more than 10 choices, the most a run takes (-max-steps)"},
		{name: "past the default limit", text: "0*268435455", err: `f:1: "0*268435455": the count after * is more than the limit of 50000000 choices (-max-steps)`},
		{name: "count overflows int64", text: "0*99999999999999999999999", err: `f:1: "0*99999999999999999999999": the count after * is more than the limit of 50000000 choices (-max-steps)`},
		{name: "negative choice", text: "-1", err: `f:1: "-1" is not a choice (a choice is a number >= 0, or v*count)`},
		{name: "signed choice", text: "0\n+1", err: `f:2: "+1" is not a choice (a choice is a number >= 0, or v*count)`},
		{name: "word", text: "0 x", err: `f:1: "x" is not a choice (a choice is a number >= 0, or v*count)`},
		{name: "choice overflows int", text: "99999999999999999999", err: `f:1: "99999999999999999999" is not a choice (a choice is a number >= 0, or v*count)`},
		{name: "zero count", text: "1*0", err: `f:1: "1*0": the count after * must be a number >= 1`},
		{name: "empty count", text: "1*", err: `f:1: "1*": the count after * must be a number >= 1`},
		{name: "negative count", text: "1*-2", err: `f:1: "1*-2": the count after * must be a number >= 1`},
		{name: "two stars", text: "1*2*3", err: `f:1: "1*2*3": the count after * must be a number >= 1`},
		{name: "empty choice", text: "*3", err: `f:1: "*3" is not a choice (a choice is a number >= 0, or v*count)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := schedule.ParseChoices("f", tc.text, tc.limit)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("ParseChoices(%q):\n got error %v\nwant error %s", tc.text, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseChoices(%q): %v", tc.text, err)
			}
			if got := f.Choices.Runs(); !slices.Equal(got, tc.want) {
				t.Errorf("ParseChoices(%q) runs:\n got %v\nwant %v", tc.text, got, tc.want)
			}
			if !slices.Equal(f.Comments, tc.comments) {
				t.Errorf("ParseChoices(%q) comments:\n got %q\nwant %q", tc.text, f.Comments, tc.comments)
			}
		})
	}
}

// TestParseChoicesStaysSmall: a repeat count is kept as a count. Parsing
// `0*268435455` (with a limit that allows it) allocates about as much as
// parsing `0`; expanded, it would take 2 GB (6.7 GB with the slice's
// growth, as the first parser did).
func TestParseChoicesStaysSmall(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f, err := schedule.ParseChoices("big", "# big\n1 0*268435455 2*268435455\n", 1<<30)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if n := f.Choices.Len(); n != 1+2*268435455 {
		t.Errorf("Len = %d, want %d", n, 1+2*268435455)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("parsing allocated %d bytes: the repeat counts were expanded", got)
	}
	// Replaying it does not expand it either: the chooser walks the runs.
	c := schedule.ReplayChoices(f.Choices)
	p := schedule.Point{N: 3}
	if got := []int{c.Choose(p), c.Choose(p), c.Choose(p)}; !slices.Equal(got, []int{1, 0, 0}) {
		t.Errorf("first three replayed choices %v, want [1 0 0]", got)
	}
}

// TestChoicesRoundTrip: Format then ParseChoices gives back the same
// schedule, for any list of choices (runs of equal ones included), with
// the header as comments; and the runs are the list's.
func TestChoicesRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Mostly zeros with a few switches, as real schedules are; long
		// runs of one value exercise the counts.
		var list []int
		for range rapid.IntRange(0, 30).Draw(t, "runs") {
			v := rapid.IntRange(0, 12).Draw(t, "choice")
			n := rapid.IntRange(1, 200).Draw(t, "count")
			for range n {
				list = append(list, v)
			}
		}
		header := rapid.SliceOfN(rapid.StringMatching(`[a-z0-9 :,]{0,30}`), 0, 3).Draw(t, "header")
		c := schedule.NewChoices(list)
		text := c.Format(header...)
		f, err := schedule.ParseChoices("rt", text, 0)
		if err != nil {
			t.Fatalf("ParseChoices of what Format wrote: %v\n%s", err, text)
		}
		if got := f.Choices.List(); !slices.Equal(got, list) {
			t.Fatalf("round trip changed the choices:\n got %v\nwant %v\nfile:\n%s", got, list, text)
		}
		if !slices.Equal(f.Choices.Runs(), c.Runs()) || f.Choices.Len() != int64(len(list)) {
			t.Fatalf("round trip changed the runs: got %v (len %d), want %v (len %d)", f.Choices.Runs(), f.Choices.Len(), c.Runs(), len(list))
		}
		wantComments := append([]string{"rwgil schedule"}, header...)
		for i := range wantComments {
			wantComments[i] = strings.TrimSpace(wantComments[i])
		}
		gotComments := slices.Clone(f.Comments)
		for i := range gotComments {
			gotComments[i] = strings.TrimSpace(gotComments[i])
		}
		if !slices.Equal(gotComments, wantComments) {
			t.Fatalf("comments %q, want %q", f.Comments, wantComments)
		}
		for i, line := range strings.Split(strings.TrimSpace(text), "\n") {
			if len(line) > 80 {
				t.Fatalf("line %d is %d characters long: %q", i+1, len(line), line)
			}
		}
		// The replay chooser follows the runs one choice at a time.
		rc := schedule.ReplayChoices(f.Choices)
		for i, want := range list {
			if got := rc.Choose(schedule.Point{N: 13}); got != want {
				t.Fatalf("replayed choice %d is %d, want %d", i, got, want)
			}
		}
		if got := rc.Choose(schedule.Point{N: 13}); got != 0 {
			t.Fatalf("past the end the replay chose %d, want 0", got)
		}
	})
}

// FuzzParseChoices: whatever the text, ParseChoices returns a schedule
// within its limit or an error that names the file and line, never a
// panic; a parsed schedule keeps no more runs than the text has tokens
// (no expansion), and formatting it and parsing that again gives the
// same schedule. The seed corpus is testdata/fuzz/FuzzParseChoices: a
// saved schedule, the repeat counts that once expanded into gigabytes
// (1 0*33333333 killed a fuzz worker), and malformed tokens.
//
//	go test -fuzz FuzzParseChoices -run '^$' ./schedule
func FuzzParseChoices(f *testing.F) {
	const limit = 1 << 26
	f.Fuzz(func(t *testing.T, text string) {
		got, err := schedule.ParseChoices("fuzz", text, limit)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz:") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		c := got.Choices
		if c.Len() > limit {
			t.Fatalf("%d choices, past the limit of %d", c.Len(), limit)
		}
		if tokens := len(strings.Fields(text)); len(c.Runs()) > tokens {
			t.Fatalf("%d runs from %d tokens", len(c.Runs()), tokens)
		}
		var sum int64
		for i, r := range c.Runs() {
			if r.Count < 1 || r.Choice < 0 || i > 0 && c.Runs()[i-1].Choice == r.Choice {
				t.Fatalf("run %d is %+v in %v: not canonical", i, r, c.Runs())
			}
			sum += r.Count
		}
		if sum != c.Len() {
			t.Fatalf("runs add up to %d, Len is %d", sum, c.Len())
		}
		again, err := schedule.ParseChoices("again", c.Format("round trip"), limit)
		if err != nil {
			t.Fatalf("ParseChoices of Format: %v", err)
		}
		if !slices.Equal(again.Choices.Runs(), c.Runs()) {
			t.Fatalf("round trip: %v, want %v", again.Choices.Runs(), c.Runs())
		}
	})
}

// TestMaxStepsBoundsChoices: a run is given up after MaxSteps choices as
// well as after MaxSteps scheduling points, so that a schedule file can
// be bounded by -max-steps. Under the GIL a hand-off is a choice but not a
// scheduling point, so a GIL run takes more choices than steps: the
// docs/examples/counter.rwa run took 166,018 choices in 80,030 steps.
func TestMaxStepsBoundsChoices(t *testing.T) {
	code := readProgram(t, "../docs/examples/counter.rwa")
	full := run(t, code, schedule.Random(3), eml.PolicyGIL, schedule.Options{})
	if full.Aborted != nil || int64(len(full.Choices)) <= full.Steps {
		t.Fatalf("unbounded GIL run: aborted %v, %d choices in %d steps; want it to finish with more choices than steps", full.Aborted, len(full.Choices), full.Steps)
	}
	limit := (full.Steps + int64(len(full.Choices))) / 2 // between the two
	res := run(t, code, schedule.Random(3), eml.PolicyGIL, schedule.Options{MaxSteps: limit})
	want := fmt.Sprintf("the run took more than %d choices (MaxSteps)", limit)
	if res.Aborted == nil || res.Aborted.Error() != want {
		t.Fatalf("with MaxSteps %d: aborted %v, want %q", limit, res.Aborted, want)
	}
	if n := int64(len(res.Choices)); n > limit+1 {
		t.Errorf("the run took %d choices past MaxSteps %d", n-limit, limit)
	}
	// The schedule of the unbounded run parses under a limit of its own
	// length, and replays to the same run.
	text := schedule.FormatChoices(full.Choices)
	f, err := schedule.ParseChoices("counter.schedule", text, int64(len(full.Choices)))
	if err != nil {
		t.Fatal(err)
	}
	again := run(t, code, schedule.ReplayChoices(f.Choices), eml.PolicyGIL, schedule.Options{MaxSteps: int64(len(full.Choices))})
	if again.Stdout != full.Stdout || again.Steps != full.Steps || again.Aborted != nil || again.Diverged != nil {
		t.Errorf("replay: output %q, %d steps, aborted %v, diverged %v; want %q, %d steps", again.Stdout, again.Steps, again.Aborted, again.Diverged, full.Stdout, full.Steps)
	}
}
