package experiments

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"
)

// WriteText prints t for a terminal: the title, the claim, the table and
// the notes.
func WriteText(w io.Writer, t *Table) error {
	fmt.Fprintf(w, "%s\n  claim: %s\n\n", t.Title, t.Claim)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  "+strings.Join(t.Columns, "\t"))
	for _, row := range t.Cells {
		fmt.Fprintln(tw, "  "+strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(t.Notes) > 0 {
		fmt.Fprintln(w)
	}
	for _, n := range t.Notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// WriteRows prints t's typed rows, one JSON object per line, each with
// the experiment's name.
func WriteRows(w io.Writer, t *Table) error {
	rows := reflect.ValueOf(t.Rows)
	if rows.Kind() != reflect.Slice {
		return fmt.Errorf("experiments: %s has no rows", t.Name)
	}
	for i := range rows.Len() {
		b, err := json.Marshal(rows.Index(i).Interface())
		if err != nil {
			return err
		}
		// Every row says which experiment it is from: splice the name in
		// front of the row's own fields.
		line := fmt.Sprintf(`{"experiment":%q,"id":%q,%s`, t.Name, t.ID, b[1:])
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

// WriteMarkdown writes t as a section of docs/experiments.md; plot, if
// not empty, is the path of its figure relative to the page.
func WriteMarkdown(w io.Writer, t *Table, plot string) error {
	fmt.Fprintf(w, "## %s\n\n**Claim tested.** %s\n\n", t.Title, t.Claim)
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(t.Columns, " | "), strings.Repeat("---|", len(t.Columns)))
	for _, row := range t.Cells {
		fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
	}
	fmt.Fprintln(w)
	if plot != "" {
		fmt.Fprintf(w, "![%s](%s)\n\n", t.Title, plot)
	}
	for _, n := range t.Notes {
		fmt.Fprintf(w, "- %s\n", n)
	}
	if len(t.Notes) > 0 {
		fmt.Fprintln(w)
	}
	return nil
}

// Fingerprint identifies the experiments' definitions -- each
// experiment's name, title and description, and every workload's source
// -- so that a test can tell that docs/experiments.md was produced by the
// current definitions, whatever the numbers in it.
func Fingerprint() string {
	h := sha256.New()
	for _, e := range All() {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", e.ID, e.Name, e.Title, e.Measures)
	}
	for _, name := range Workloads() {
		src, _ := WorkloadSource(name)
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(src))
		h.Write(src)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// FingerprintLine is the line of docs/experiments.md that records the
// definitions it was produced by.
func FingerprintLine() string {
	return "<!-- experiments fingerprint: " + Fingerprint() + " -->"
}
