package schedule

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Table renders a schedule as an interleaving table: one column a thread,
// one row a run -- a stretch during which one thread ran. The row shows,
// in that thread's column, where it stopped: the function, line and
// instruction, the extension function it was in and what it waits for,
// led by why in brackets if it did not stop because it was preempted
// ([parked], [left the runtime], [exited]). The step
// column counts the scheduling points passed by the end of the run. A run
// starts where the same column's previous row stopped. Cells are cut to
// width characters (at least 16).
func Table(runs []Run, threads []string, width int) string {
	width = max(width, 16)
	var b strings.Builder
	line := func(step string, cells []string) {
		fmt.Fprintf(&b, "%7s ", step)
		for _, c := range cells {
			fmt.Fprintf(&b, "| %s ", pad(c, width))
		}
		b.WriteString("\n")
	}
	line("step", threads)
	b.WriteString(strings.Repeat("-", 8))
	for range threads {
		b.WriteString("+" + strings.Repeat("-", width+2))
	}
	b.WriteString("\n")
	var step int64
	cells := make([]string, len(threads))
	for _, r := range runs {
		step += r.Steps
		clear(cells)
		switch r.Why {
		case "preempted", "":
			cells[r.Task] = r.To
		case "exited":
			cells[r.Task] = "[exited]"
		default:
			cells[r.Task] = "[" + r.Why + "] " + r.To
		}
		line(fmt.Sprint(step), cells)
	}
	return b.String()
}

// pad cuts s to width runes (marking the cut) and pads it to width.
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n > width {
		r := []rune(s)
		return string(r[:width-1]) + "~"
	}
	return s + strings.Repeat(" ", width-utf8.RuneCountInString(s))
}
