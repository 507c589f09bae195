package schedule

import (
	"fmt"
	"strconv"
	"strings"
)

// The schedule file: what `rwgil run --save-schedule` writes and
// `--schedule replay:FILE` reads. Lines starting with # are comments (the
// writer records the program, the policy and the seed there); every
// other line holds choices, separated by spaces, with a run of k equal
// choices v written v*k:
//
//	# rwgil schedule
//	# program docs/examples/counter.rwa, policy free, seed 7
//	0*12 1 0*3 2 0 1
//
// Schedules of real runs are long and mostly zeros (no switch), so the
// run-length form keeps them short.

// FormatChoices writes choices in the schedule file's form, with header
// lines (each becomes a comment).
func FormatChoices(choices []int, header ...string) string {
	var b strings.Builder
	b.WriteString("# rwgil schedule\n")
	for _, h := range header {
		b.WriteString("# " + h + "\n")
	}
	col := 0
	for i := 0; i < len(choices); {
		j := i
		for j < len(choices) && choices[j] == choices[i] {
			j++
		}
		tok := strconv.Itoa(choices[i])
		if j-i > 1 {
			tok += "*" + strconv.Itoa(j-i)
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
		i = j
	}
	b.WriteString("\n")
	return b.String()
}

// maxChoices bounds a schedule file, so that a corrupt count is an
// error, not an allocation of the machine's memory.
const maxChoices = 1 << 28

// ParseChoices reads a schedule file; an error names the file, line and
// what is wrong.
func ParseChoices(name, text string) ([]int, error) {
	var out []int
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, tok := range strings.Fields(line) {
			val, count, rep := strings.Cut(tok, "*")
			v, err := strconv.Atoi(val)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("%s:%d: %q is not a choice (a choice is a number >= 0, or v*count)", name, i+1, tok)
			}
			n := 1
			if rep {
				if n, err = strconv.Atoi(count); err != nil || n < 1 {
					return nil, fmt.Errorf("%s:%d: %q: the count after * must be a number >= 1", name, i+1, tok)
				}
			}
			if len(out)+n > maxChoices {
				return nil, fmt.Errorf("%s:%d: more than %d choices", name, i+1, maxChoices)
			}
			for range n {
				out = append(out, v)
			}
		}
	}
	return out, nil
}
