package schedule

import (
	"fmt"
	"strconv"
	"strings"
)

// The schedule file: what `rwgil run -save-schedule` writes and
// `-schedule replay:FILE` reads. Lines starting with # are comments (the
// writer records the program, the policy and the seed there); every
// other line holds choices, separated by spaces, with a run of k equal
// choices v written v*k:
//
//	# rwgil schedule
//	# program docs/examples/counter.rwa, policy free, seed 7
//	0*12 1 0*3 2 0 1
//
// Schedules of real runs are long and mostly zeros (no switch), so the
// run-length form keeps them short -- in the file and in memory: a parsed
// schedule is a list of runs, never expanded, so `0*268435455` costs one
// run, not a gigabyte.

// Choices is a schedule -- the choice taken at each choice point, in
// order -- kept as runs of equal choices. The zero value is the empty
// schedule. Adjacent runs always hold different choices, so two Choices
// that list the same choices have the same runs.
type Choices struct {
	runs []ChoiceRun
	n    int64
}

// ChoiceRun is Count (>= 1) successive choices equal to Choice.
type ChoiceRun struct {
	Choice int
	Count  int64
}

// NewChoices encodes a list of choices.
func NewChoices(list []int) Choices {
	var c Choices
	for _, v := range list {
		c.add(v, 1)
	}
	return c
}

// add appends n >= 1 choices v, merging with the last run.
func (c *Choices) add(v int, n int64) {
	c.n += n
	if k := len(c.runs); k > 0 && c.runs[k-1].Choice == v {
		c.runs[k-1].Count += n
		return
	}
	c.runs = append(c.runs, ChoiceRun{Choice: v, Count: n})
}

// Len returns the number of choices.
func (c Choices) Len() int64 { return c.n }

// Runs returns the runs of equal choices, in order; the slice is the
// schedule's own and must not be changed.
func (c Choices) Runs() []ChoiceRun { return c.runs }

// List expands the schedule into one int per choice. The caller bounds
// the length (Len) first: a long schedule of zeros is small as runs and
// large as a list.
func (c Choices) List() []int {
	out := make([]int, 0, c.n)
	for _, r := range c.runs {
		for range r.Count {
			out = append(out, r.Choice)
		}
	}
	return out
}

// Format writes the schedule in the file's form, with header lines (each
// becomes a comment); ParseChoices reads it back unchanged.
func (c Choices) Format(header ...string) string {
	var b strings.Builder
	b.WriteString("# rwgil schedule\n")
	for _, h := range header {
		for _, line := range strings.Split(h, "\n") {
			b.WriteString("# " + line + "\n")
		}
	}
	col := 0
	for _, r := range c.runs {
		tok := strconv.Itoa(r.Choice)
		if r.Count > 1 {
			tok += "*" + strconv.FormatInt(r.Count, 10)
		}
		if col > 0 && col+len(tok) >= 76 {
			b.WriteString("\n")
			col = 0
		} else if col > 0 {
			b.WriteString(" ")
			col++
		}
		b.WriteString(tok)
		col += len(tok)
	}
	b.WriteString("\n")
	return b.String()
}

// FormatChoices writes a list of choices in the schedule file's form,
// with header lines (each becomes a comment).
func FormatChoices(choices []int, header ...string) string {
	return NewChoices(choices).Format(header...)
}

// DefaultChoiceLimit is the limit ParseChoices applies when given none:
// the default of `rwgil run -max-steps`.
const DefaultChoiceLimit = 50_000_000

// File is a parsed schedule file.
type File struct {
	// Comments are the comment lines, without their "# " (the header
	// FormatChoices wrote: the program, the policy, the seed).
	Comments []string
	// Choices is the schedule.
	Choices Choices
}

// ParseChoices reads a schedule file. limit (<= 0: DefaultChoiceLimit)
// bounds the number of choices: a run is given up after Options.MaxSteps
// choices (`rwgil run -max-steps`), so a longer schedule cannot fit the
// run and is an error, as is a corrupt count. Repeat counts stay unexpanded, so memory
// follows the file's size, not the schedule's length. An error names the
// file, the line and what is wrong.
func ParseChoices(name, text string, limit int64) (*File, error) {
	if limit <= 0 {
		limit = DefaultChoiceLimit
	}
	f := &File{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if c, ok := strings.CutPrefix(line, "#"); ok {
			f.Comments = append(f.Comments, strings.TrimPrefix(c, " "))
			continue
		}
		for _, tok := range strings.Fields(line) {
			val, count, rep := strings.Cut(tok, "*")
			v, err := strconv.Atoi(val)
			if err != nil || !digits(val) {
				return nil, fmt.Errorf("%s:%d: %q is not a choice (a choice is a number >= 0, or v*count)", name, i+1, tok)
			}
			n := int64(1)
			if rep {
				if !digits(count) {
					return nil, fmt.Errorf("%s:%d: %q: the count after * must be a number >= 1", name, i+1, tok)
				}
				n, err = strconv.ParseInt(count, 10, 64)
				switch {
				case err != nil || n > limit:
					return nil, fmt.Errorf("%s:%d: %q: the count after * is more than the limit of %d choices (-max-steps)", name, i+1, tok, limit)
				case n < 1:
					return nil, fmt.Errorf("%s:%d: %q: the count after * must be a number >= 1", name, i+1, tok)
				}
			}
			if n > limit-f.Choices.n {
				return nil, fmt.Errorf("%s:%d: more than %d choices, the most a run takes (-max-steps)", name, i+1, limit)
			}
			f.Choices.add(v, n)
		}
	}
	return f, nil
}

// digits reports whether s is a non-empty string of decimal digits (no
// sign: Format writes none).
func digits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
