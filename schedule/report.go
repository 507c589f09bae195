package schedule

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Counterexample reports.
//
// Explain turns a run recorded with Options.Log into a report that says
// why the run broke a property, the way Kotlin's lincheck does: the
// scenario, then the interleaving as a table with one column for each
// thread that took part, one row for each step that matters -- every read
// and write of the shared state involved, with the value read or written,
// every call into and return from an extension function, every switch --
// the switch that broke the property marked; then the verdict in words,
// and the command that replays the run.

// ReportInput is what Explain needs besides the run.
type ReportInput struct {
	// Scenario is each thread's operations, as source ("" leaves the
	// section out).
	Scenario string
	// Source is the program's source, to name the line of each row (nil:
	// rows name line numbers only).
	Source []byte
	// Broke is why the run broke the property (the check's words).
	Broke error
	// Replay is the command that replays the run ("" leaves it out).
	Replay string
	// Width is the width of a thread's column (at least 16; 0 means 30,
	// or as wide as the longest cell up to maxAutoWidth).
	Width int
	// Instructions appends the full trace: every instruction boundary
	// of every thread (-trace-detail instructions).
	Instructions bool
}

// maxAutoWidth bounds the column width a report picks for itself.
const maxAutoWidth = 48

// access is a read or write of a shared name, at event index at.
type access struct {
	at    int // when it ran: the index of its thread's next step in the log
	ev    int // the event of the step
	task  int
	key   string // "plain" for a global, ".items" for an attribute
	write bool
	value string
}

// row is one line of the report's table.
type row struct {
	at    int // the event's index in the log
	kind  int // the order of rows at one event: a call, an access, a stop
	task  int
	cell  string
	line  int
	mark  bool
	stop  bool
	ext   bool
	label string // for stops: where
}

// Explain renders a report of res, which must have been run with
// Options.Log. Threads that did nothing relevant are left out of the
// table.
func Explain(res *Result, in ReportInput) string {
	width := in.Width
	if width <= 0 {
		width = 30
	}
	width = max(width, 16)
	log := res.Log
	main := 0 // the program's main thread: task 0, which starts the others
	// The window: from the first to the last event of a thread other than
	// the main one.
	lo, hi := -1, -1
	for i, ev := range log {
		if ev.Task != main {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	var b strings.Builder
	if in.Scenario != "" {
		b.WriteString("Scenario:\n")
		for _, l := range strings.Split(strings.TrimRight(in.Scenario, "\n"), "\n") {
			b.WriteString("  " + l + "\n")
		}
		b.WriteString("\n")
	}
	if lo < 0 || len(log) == 0 {
		b.WriteString("No thread but the main one ran (or the run has no log of steps); every stretch it ran:\n")
		b.WriteString(res.Table(width))
		if in.Broke != nil {
			fmt.Fprintf(&b, "\nVerdict: %v.\n", in.Broke)
		}
		if in.Replay != "" {
			fmt.Fprintf(&b, "\nReplay: %s\n", in.Replay)
		}
		return b.String()
	}
	// Each thread's step events in order, to find the value a load read:
	// the top of the stack at the thread's next step.
	nextStep := make([]int, len(log))
	last := map[int]int{}
	for i := len(log) - 1; i >= 0; i-- {
		nextStep[i] = -1
		if j, ok := last[log[i].Task]; ok {
			nextStep[i] = j
		}
		if log[i].Why == "" {
			last[log[i].Task] = i
		}
	}
	var accs []access
	for i := lo; i <= hi; i++ {
		ev := log[i]
		if ev.Why != "" {
			continue
		}
		key, write, ok := accessOf(ev)
		if !ok {
			continue
		}
		// The instruction runs when its thread next runs: right away, or
		// after the switch that came at this boundary; its effect is
		// there by the thread's next step.
		a := access{at: i, ev: i, task: ev.Task, key: key, write: write}
		if j := nextStep[i]; j >= 0 {
			a.at = j
			if !write {
				a.value = log[j].Step.Top
			}
		}
		if write {
			a.value = ev.Step.Top
		}
		accs = append(accs, a)
	}
	sort.SliceStable(accs, func(i, j int) bool { return accs[i].at < accs[j].at })
	// The shared state involved: names that two threads touch, one of
	// them writing.
	touched := map[string]map[int]bool{}
	written := map[string]bool{}
	for _, a := range accs {
		if touched[a.key] == nil {
			touched[a.key] = map[int]bool{}
		}
		touched[a.key][a.task] = true
		written[a.key] = written[a.key] || a.write
	}
	shared := map[string]bool{}
	for k, ts := range touched {
		if len(ts) >= 2 && written[k] {
			shared[k] = true
		}
	}
	// Extension calls: each thread's stretches inside an extension
	// function, from the first event that shows it to the first that
	// does not.
	type extSpan struct {
		task     int
		name     string
		ported   bool
		from, to int // event indexes; to is -1 if the run ended inside
	}
	var spans []extSpan
	cur := map[int]int{} // task -> index in spans of its open span, or absent
	for i := lo; i <= hi; i++ {
		ev := log[i]
		if ev.Why == "exited" {
			continue
		}
		open, isOpen := cur[ev.Task]
		switch {
		case ev.Step.Ext != "" && !isOpen:
			cur[ev.Task] = len(spans)
			spans = append(spans, extSpan{task: ev.Task, name: ev.Step.Ext, ported: ev.Step.ExtPorted, from: i, to: -1})
		case ev.Step.Ext == "" && isOpen && ev.Why == "":
			spans[open].to = i
			delete(cur, ev.Task)
		}
	}
	// Accesses by one thread while another is inside an extension
	// function: core code that ran inside an unported call.
	inside := map[int]int{}    // access event -> the unported span it fell in
	nested := map[int][2]int{} // span -> the unported span of another thread it started in
	for si, sp := range spans {
		if sp.ported {
			continue
		}
		end := sp.to
		if end < 0 {
			end = hi
		}
		for _, a := range accs {
			if a.task != sp.task && a.at > sp.from && a.at < end && evidence(a) {
				if _, ok := inside[a.at]; !ok {
					inside[a.at] = si
				}
			}
		}
		for sj, o := range spans {
			if o.task != sp.task && o.from > sp.from && o.from < end {
				if _, ok := nested[sj]; !ok {
					nested[sj] = [2]int{si, o.from}
				}
			}
		}
	}
	// The rows: shared accesses, accesses inside another's extension
	// call, extension calls and returns of the threads taking part.
	var rows []row
	part := map[int]bool{}
	for _, a := range accs {
		if shared[a.key] {
			part[a.task] = true
		}
		if _, ok := inside[a.at]; ok {
			part[a.task] = true
			part[spans[inside[a.at]].task] = true
		}
	}
	for _, a := range accs {
		if _, in := inside[a.at]; !shared[a.key] && !in {
			continue
		}
		ev := log[a.ev]
		arrow := " -> "
		if a.write {
			arrow = " <- "
		}
		cell := ev.Step.Op + " " + ev.Step.Name
		if a.value != "" {
			cell += arrow + a.value
		}
		rows = append(rows, row{at: a.at, kind: 1, task: a.task, cell: cell, line: ev.Step.Line})
	}
	for sj, n := range nested {
		part[spans[sj].task] = true
		part[spans[n[0]].task] = true
	}
	for _, sp := range spans {
		if !part[sp.task] {
			continue
		}
		rows = append(rows, row{at: sp.from, task: sp.task, cell: "calls " + sp.name, line: log[sp.from].Step.Line, ext: true})
		if ev := log[sp.from]; ev.Why != "" {
			rows = append(rows, row{at: sp.from, kind: 2, task: sp.task, cell: stopCell(ev), stop: true, label: ev.Where})
		}
		if sp.to >= 0 {
			rows = append(rows, row{at: sp.to, task: sp.task, cell: "returns from " + sp.name, ext: true})
		}
	}
	sortRows(rows)
	// Switches: a stop of a thread taking part, between one of its rows
	// and a later row of another thread.
	var withStops []row
	for i, r := range rows {
		withStops = append(withStops, r)
		if r.stop || i+1 >= len(rows) || rows[i+1].task == r.task || rows[i+1].stop {
			continue
		}
		// the first stop of r.task after r and before the next row
		for j := r.at + 1; j < rows[i+1].at; j++ {
			if ev := log[j]; ev.Task == r.task && ev.Why != "" {
				withStops = append(withStops, row{at: j, kind: 2, task: r.task, cell: stopCell(ev), stop: true, label: ev.Where})
				break
			}
		}
	}
	rows = withStops
	// The verdict, and the switch that broke the property.
	verdict, breakAt := lostUpdate(log, accs, shared, res.Threads)
	if verdict == "" {
		// The first extension call another thread's reads or writes fell
		// in: which ones, and the switch away from the caller inside it.
		first := -1
		for _, a := range accs {
			if si, ok := inside[a.at]; ok && (first < 0 || si == first) {
				if first < 0 {
					first = si
					verdict = res.Threads[a.task] + " "
				} else {
					verdict += ", "
				}
				op := "read "
				if a.write {
					op = "wrote "
				}
				verdict += op + strings.TrimPrefix(a.key, ".")
				if a.value != "" {
					verdict += " = " + a.value
				}
			}
		}
		if first < 0 {
			// No access: another thread's extension call started inside.
			at := -1
			for sj, n := range nested {
				if at < 0 || n[1] < at {
					at, first = n[1], n[0]
					verdict = fmt.Sprintf("%s called %s", res.Threads[spans[sj].task], spans[sj].name)
				}
			}
		}
		if first >= 0 {
			sp := spans[first]
			verdict += fmt.Sprintf(" while %s was inside %s, an unported call that must run alone: the switch away from it inside the call let other code run in the middle", res.Threads[sp.task], sp.name)
			breakAt = sp.from
			for j := sp.from; j < len(log); j++ {
				if log[j].Task == sp.task && log[j].Why != "" {
					breakAt = j
					break
				}
			}
		}
	}
	// The stop that broke it: the last stop of rows at or before breakAt
	// by the thread switched away from.
	if verdict != "" {
		best := -1
		for i, r := range rows {
			if r.stop && r.at <= breakAt {
				best = i
			}
		}
		if best >= 0 {
			rows[best].mark = true
		}
	}
	// The table.
	var cols []int
	for id := range res.Threads {
		if part[id] {
			cols = append(cols, id)
		}
	}
	if len(cols) == 0 {
		b.WriteString("No two threads touched the same state; every stretch each thread ran:\n")
		b.WriteString(res.Table(width))
		if in.Broke != nil {
			fmt.Fprintf(&b, "\nVerdict: %v.\n", in.Broke)
		}
		if in.Replay != "" {
			fmt.Fprintf(&b, "\nReplay: %s\n", in.Replay)
		}
		return b.String()
	}
	srcLines := strings.Split(string(in.Source), "\n")
	if in.Width <= 0 {
		// The default width grows to the longest cell (up to
		// maxAutoWidth), so that a call's name is not cut.
		for _, r := range rows {
			width = max(width, min(utf8.RuneCountInString(r.cell), maxAutoWidth))
		}
	}
	b.WriteString("Interleaving (the threads that took part; values read -> and written <-):\n")
	head := fmt.Sprintf("%6s ", "step")
	for _, c := range cols {
		head += "| " + pad(res.Threads[c], width) + " "
	}
	b.WriteString(strings.TrimRight(head+"| source", " ") + "\n")
	b.WriteString(strings.Repeat("-", 7))
	for range cols {
		b.WriteString("+" + strings.Repeat("-", width+2))
	}
	b.WriteString("+" + strings.Repeat("-", 30) + "\n")
	for _, r := range rows {
		line := fmt.Sprintf("%6d ", log[r.at].Steps)
		for _, c := range cols {
			cell := ""
			if c == r.task {
				cell = r.cell
			}
			line += "| " + pad(cell, width) + " "
		}
		src := ""
		switch {
		case r.mark:
			src = "<== this switch breaks it"
		case r.line > 0 && r.line <= len(srcLines) && !r.stop:
			src = fmt.Sprintf("%d: %s", r.line, strings.TrimSpace(srcLines[r.line-1]))
		case r.line > 0 && !r.stop:
			src = fmt.Sprintf("line %d", r.line)
		}
		b.WriteString(strings.TrimRight(line+"| "+src, " ") + "\n")
	}
	b.WriteString("\nVerdict: ")
	switch {
	case verdict != "" && in.Broke != nil:
		fmt.Fprintf(&b, "%s (%v).\n", verdict, in.Broke)
	case verdict != "":
		b.WriteString(verdict + ".\n")
	case in.Broke != nil:
		fmt.Fprintf(&b, "%v.\n", in.Broke)
	default:
		b.WriteString("nothing broke.\n")
	}
	if in.Replay != "" {
		fmt.Fprintf(&b, "\nReplay: %s\n", in.Replay)
	}
	if in.Instructions {
		b.WriteString("\nEvery step (-trace-detail instructions):\n")
		b.WriteString(Steps(res))
	}
	return b.String()
}

// Steps renders a logged run step by step: one line for every
// instruction boundary and safe point of every thread, and every stop.
func Steps(res *Result) string {
	var b strings.Builder
	for _, ev := range res.Log {
		name := fmt.Sprint(ev.Task)
		if ev.Task < len(res.Threads) {
			name = res.Threads[ev.Task]
		}
		if ev.Why != "" {
			fmt.Fprintf(&b, "%6d %-12s [%s] %s\n", ev.Steps, name, ev.Why, ev.Where)
			continue
		}
		st := ev.Step
		s := fmt.Sprintf("%s:%d %s", st.Func, st.Line, st.Op)
		if st.Name != "" {
			s += " " + st.Name
		}
		if st.Ext != "" {
			s += " in " + st.Ext
		}
		if st.Top != "" {
			s += "   (top: " + st.Top + ")"
		}
		fmt.Fprintf(&b, "%6d %-12s %s\n", ev.Steps, name, s)
	}
	return b.String()
}

// evidence reports whether an access by another thread inside an
// unported call shows the call was not atomic: a write, or a read of an
// attribute holding data (not a function to call: its value shows).
func evidence(a access) bool {
	return a.write || (strings.HasPrefix(a.key, ".") && a.value != "")
}

// accessOf classifies a step: a read or write of a global (key name) or
// an attribute (key .name).
func accessOf(ev Event) (key string, write, ok bool) {
	st := ev.Step
	switch st.Op {
	case "LOAD_GLOBAL", "LOAD_NAME":
		return st.Name, false, true
	case "STORE_GLOBAL", "STORE_NAME", "DELETE_GLOBAL", "DELETE_NAME":
		return st.Name, true, true
	case "LOAD_ATTR":
		return "." + st.Name, false, true
	case "STORE_ATTR", "DELETE_ATTR":
		return "." + st.Name, true, true
	}
	return "", false, false
}

// lostUpdate looks for a lost update of a shared name: a thread X reads
// it, another thread Y reads it before X writes it back, and both write.
// It returns the verdict in words and the event of Y's read ("" if
// none).
func lostUpdate(log []Event, accs []access, shared map[string]bool, threads []string) (string, int) {
	name := func(t int) string {
		if t < len(threads) {
			return threads[t]
		}
		return fmt.Sprint(t)
	}
	for i, rx := range accs {
		if rx.write || !shared[rx.key] {
			continue
		}
		// X's write back: its next access of the key, a write.
		var wx *access
		for j := i + 1; j < len(accs); j++ {
			if accs[j].task == rx.task && accs[j].key == rx.key {
				if accs[j].write {
					wx = &accs[j]
				}
				break
			}
		}
		if wx == nil {
			continue
		}
		for j := i + 1; j < len(accs) && accs[j].at < wx.at; j++ {
			ry := accs[j]
			if ry.task == rx.task || ry.key != rx.key || ry.write {
				continue
			}
			// Y writes it too, later.
			for k := j + 1; k < len(accs); k++ {
				if accs[k].task == ry.task && accs[k].key == ry.key {
					if accs[k].write {
						return fmt.Sprintf("%s read %s = %s after %s had read %s and before it wrote %s: one update lost",
							name(ry.task), strings.TrimPrefix(ry.key, "."), ry.value, name(rx.task), rx.value, wx.value), ry.at
					}
					break
				}
			}
		}
	}
	return "", -1
}

// stopCell is a stop's cell: why the thread stopped.
func stopCell(ev Event) string {
	switch ev.Why {
	case "preempted":
		return "-- switch --"
	case "exited":
		return "[exited]"
	}
	why := ev.Why
	if strings.HasPrefix(why, "parked") {
		if _, w, ok := strings.Cut(ev.Where, ", waiting for "); ok {
			return "[parked] waiting for " + w
		}
		if _, w, ok := strings.Cut(ev.Where, ", joining "); ok {
			return "[parked] joining " + w
		}
	}
	return "[" + why + "]"
}

// sortRows orders rows by event, and at one event a call, an access, a
// stop.
func sortRows(rows []row) {
	less := func(a, b row) bool { return a.at < b.at || (a.at == b.at && a.kind < b.kind) }
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && less(rows[j], rows[j-1]); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}
