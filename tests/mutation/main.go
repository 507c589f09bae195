// Command mutation is the mutation harness of the guarantee suite: it
// builds package tests with the `mutant` build tag (internal/mutant),
// runs, for each mutant, the tests meant to catch it with that mutant
// switched on, and prints a table -- the mutant, whether it was caught,
// by which test and assertion, and how long it took. A mutant counts as
// caught only when a test fails by an assertion: the suite is built
// without -race, so the race detector cannot catch one, and a run that
// passes (survived), that go test's timeout kills (timeout) or that
// crashes with a panic or a fatal error (crashed) is not caught, and the
// harness exits 1.
//
//	go run ./tests/mutation                  # every mutant, its own tests
//	go run ./tests/mutation -run biased      # the mutants matching a pattern
//	go run ./tests/mutation -all             # all of ./tests for each mutant
//	go run ./tests/mutation -markdown        # the table for docs/testing.md
//
// Before the mutants it runs each mutant's tests once with no mutant
// selected (-baseline=false skips that): a test that fails without the
// mutant catches nothing. Logs go to a temporary directory, named in the
// output.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/rwgil/rwgil/internal/mutant"
)

func main() {
	var (
		run      = flag.String("run", "", "run only the mutants whose name matches this regular expression")
		all      = flag.Bool("all", false, "run all of ./tests for every mutant (with -failfast), not only its own tests")
		timeout  = flag.Duration("timeout", 4*time.Minute, "go test's -timeout for one mutant's run: past it the mutant counts as not caught")
		baseline = flag.Bool("baseline", true, "first run each mutant's tests with no mutant, which must pass")
		markdown = flag.Bool("markdown", false, "print the table as Markdown")
		list     = flag.Bool("list", false, "list the mutants and exit")
		logDir   = flag.String("logs", "", "directory for the logs (default: a new temporary directory)")
	)
	flag.Parse()
	if err := mainErr(*run, *all, *timeout, *baseline, *markdown, *list, *logDir); err != nil {
		fmt.Fprintln(os.Stderr, "mutation:", err)
		os.Exit(1)
	}
}

// result is what one run of a mutant's tests found.
type result struct {
	m       mutant.Mutant
	verdict string // caught, survived, timeout, crashed, failed (no test failed, yet the binary did), no tests
	by      string // the failing test
	how     string // its first message
	took    time.Duration
}

func (r result) caught() bool { return r.verdict == "caught" }

func mainErr(run string, all bool, timeout time.Duration, baseline, markdown, list bool, logDir string) error {
	var sel []mutant.Mutant
	re, err := regexp.Compile(run)
	if err != nil {
		return fmt.Errorf("-run: %w", err)
	}
	for _, m := range mutant.All {
		if re.MatchString(m.Name) {
			sel = append(sel, m)
		}
	}
	if list {
		for _, m := range sel {
			fmt.Printf("%-34s %-40s %s\n", m.Name, m.Where, m.What)
		}
		return nil
	}
	if len(sel) == 0 {
		return fmt.Errorf("no mutant matches %q", run)
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if logDir == "" {
		if logDir, err = os.MkdirTemp("", "rwgil-mutation-"); err != nil {
			return err
		}
	} else if err := os.MkdirAll(logDir, 0o755); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "mutation: logs in %s\n", logDir)
	start := time.Now()
	// One build, without -race: a mutant must be caught by an assertion
	// of the suite, not by the race detector's report.
	bin := filepath.Join(logDir, "tests.test")
	args := []string{"test", "-c", "-tags", "mutant", "-o", bin, "./tests"}
	t0 := time.Now()
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the suite (go %s): %v\n%s", strings.Join(args, " "), err, out)
	}
	fmt.Fprintf(os.Stderr, "mutation: built %s in %v\n", filepath.Base(bin), time.Since(t0).Round(time.Second))
	testDir := filepath.Join(root, "tests")
	pattern := func(m mutant.Mutant) string {
		if all {
			return "."
		}
		return m.Tests
	}
	if baseline {
		done := map[string]bool{}
		for _, m := range sel {
			key := pattern(m)
			if done[key] {
				continue
			}
			done[key] = true
			r := runOne(bin, testDir, logDir, "", m, pattern(m), timeout)
			if r.verdict != "survived" {
				return fmt.Errorf("baseline: %s fails with no mutant selected (%s %s: %s); log %s", pattern(m), r.verdict, r.by, r.how, r.logName(logDir, ""))
			}
			fmt.Fprintf(os.Stderr, "mutation: baseline %s passes (%v)\n", pattern(m), r.took.Round(100*time.Millisecond))
		}
	}
	var results []result
	for _, m := range sel {
		r := runOne(bin, testDir, logDir, m.Name, m, pattern(m), timeout)
		fmt.Fprintf(os.Stderr, "mutation: %-34s %-8s %s (%v)\n", m.Name, r.verdict, r.by, r.took.Round(100*time.Millisecond))
		results = append(results, r)
	}
	printTable(os.Stdout, results, markdown, all)
	caught := 0
	for _, r := range results {
		if r.caught() {
			caught++
		}
	}
	fmt.Printf("\n%d of %d mutants caught in %v (go run ./tests/mutation%s)\n", caught, len(results), time.Since(start).Round(time.Second), map[bool]string{true: " -all"}[all])
	if caught != len(results) {
		return errors.New("some mutants were not caught by an assertion")
	}
	return nil
}

func (r result) logName(dir, name string) string {
	if name == "" {
		name = "baseline-" + regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(r.m.Tests, "_")
	}
	return filepath.Join(dir, name+".log")
}

// runOne runs the suite binary bin on pattern with mutant name selected
// ("" for none), and classifies the outcome.
func runOne(bin, dir, logDir, name string, m mutant.Mutant, pattern string, timeout time.Duration) result {
	r := result{m: m}
	args := []string{"-test.run", pattern, "-test.timeout", timeout.String(), "-test.failfast", "-test.v", "-rapid.nofailfile"}
	// A little beyond go test's own timeout, so that its report (which
	// names the test that hung) is what ends the run.
	ctx, cancel := context.WithTimeout(context.Background(), timeout+time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), mutant.Env+"="+name)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	err := cmd.Run()
	r.took = time.Since(t0)
	_ = os.WriteFile(r.logName(logDir, name), out.Bytes(), 0o644)
	r.verdict, r.by, r.how = classify(out.Bytes(), err)
	return r
}

var (
	failLine = regexp.MustCompile(`^\s*--- FAIL: (\S+)`)
	timedOut = regexp.MustCompile(`^panic: test timed out after`)
	running  = regexp.MustCompile(`^\s+(\S+) \(\d`)
)

// classify reads a test binary's verbose output: caught if some test
// failed by an assertion (the innermost first failure names it), timeout
// if go test's timeout ended the run, crashed if a panic or a fatal error
// did, survived if it passed.
func classify(out []byte, err error) (verdict, by, how string) {
	if err == nil {
		if bytes.Contains(out, []byte("testing: warning: no tests to run")) {
			return "no tests", "", "the pattern matches no test"
		}
		return "survived", "", ""
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	for i, l := range lines {
		if timedOut.MatchString(l) {
			// go test lists the tests still running after this line.
			var hung []string
			for _, l := range lines[i+1:] {
				if m := running.FindStringSubmatch(l); m != nil {
					hung = append(hung, m[1])
				}
			}
			return "timeout", strings.Join(hung, ", "), l
		}
	}
	// A panic or a fatal error (a Go map written concurrently) ends the
	// binary: whichever test it happened in, no assertion caught it.
	for _, crash := range []string{"\npanic: ", "\nfatal error: "} {
		if i := bytes.Index(out, []byte(crash)); i >= 0 {
			l, _, _ := strings.Cut(string(out[i+1:]), "\n")
			return "crashed", crashedIn(lines), l
		}
	}
	// The innermost failing test: go test -v prints a parent's FAIL
	// line before its subtests'.
	by, at := "", -1
	for i, l := range lines {
		if m := failLine.FindStringSubmatch(l); m != nil && strings.Count(m[1], "/") > strings.Count(by, "/") || m != nil && by == "" {
			by, at = m[1], i
		}
	}
	if by != "" {
		return "caught", by, message(lines[:at], by)
	}
	return "failed", "(no test named)", lastLine(lines)
}

// crashedIn is the test that was running last when the binary crashed,
// by go test -v's RUN lines.
func crashedIn(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if name, ok := strings.CutPrefix(lines[i], "=== RUN   "); ok {
			return name
		}
	}
	return "(no test named)"
}

var logLine = regexp.MustCompile(`^\s+\S+\.go:\d+: `)

// message is the failing assertion of test name: among the lines it
// logged, rapid's report of the failure, or else the first line that is
// not one of rapid's draws.
func message(lines []string, name string) string {
	start := 0
	for i, l := range lines {
		if l == "=== RUN   "+name {
			start = i
		}
	}
	var first string
	for _, l := range lines[start:] {
		if !logLine.MatchString(l) || strings.Contains(l, "[rapid] draw") || strings.Contains(l, "[rapid] OK") {
			continue
		}
		t := strings.TrimSpace(l)
		if len(t) > 200 {
			t = t[:197] + "..."
		}
		if strings.Contains(l, "[rapid] failed") {
			return t
		}
		if first == "" {
			first = t
		}
	}
	return first
}

func lastLine(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if t := strings.TrimSpace(lines[i]); t != "" {
			return t
		}
	}
	return ""
}

func printTable(w io.Writer, rs []result, markdown, all bool) {
	if markdown {
		fmt.Fprintln(w, "| mutant | where | caught | by | how | time |")
		fmt.Fprintln(w, "|---|---|---|---|---|---|")
		for _, r := range rs {
			fmt.Fprintf(w, "| `%s` | %s | %s | `%s` | %s | %v |\n", r.m.Name, r.m.Where, r.verdict, r.by, mdEscape(r.how), r.took.Round(100*time.Millisecond))
		}
		return
	}
	fmt.Fprintf(w, "%-34s %-9s %-60s %s\n", "mutant", "caught", "by", "time")
	for _, r := range rs {
		fmt.Fprintf(w, "%-34s %-9s %-60s %v\n", r.m.Name, r.verdict, r.by, r.took.Round(100*time.Millisecond))
		if r.how != "" {
			fmt.Fprintf(w, "    %s\n", r.how)
		}
	}
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// moduleRoot is the directory of rwgil's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside the rwgil module (run it from the repository)")
	}
	return filepath.Dir(gomod), nil
}
