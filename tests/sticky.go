package tests

import (
	"fmt"
	"strings"
	"sync"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/schedule"
)

// StickySource is G9's program as Python: two threads each do `before
// += 1`, are joined, the main thread imports legacy_counter -- an
// unported module, which turns sticky's GIL on -- and two threads each do
// `after += 1`. It prints "G9 before after".
const StickySource = `import thread

before = 0
after = 0


def bump_before():
    global before
    before += 1


def bump_after():
    global after
    after += 1


hs = [thread.start(bump_before), thread.start(bump_before)]
for h in hs:
    thread.join(h)
import legacy_counter
hs = [thread.start(bump_after), thread.start(bump_after)]
for h in hs:
    thread.join(h)
print("G9", before, after)
`

// The files of G9's counterexample in docs/atomicity/.
const (
	StickyFile     = "docs/atomicity/G9-sticky.py"
	StickySchedule = "docs/atomicity/G9-sticky.schedule"
)

// Files returns G9's replay files, by path.
func (r *StickyResult) Files() map[string]string {
	if r.Before.Failure == nil {
		return nil
	}
	return map[string]string{
		StickyFile:     StickySource,
		StickySchedule: schedule.FormatChoices(r.Before.Choices, "program "+StickyFile, "G9 under sticky: a lost update before the first unported import"),
	}
}

// StickyResult is what exploring G9's program under sticky showed: a
// lost update of before (the runtime is free-threaded until the import),
// with its report, and every schedule up to AfterBound preemptions
// verified for after (the GIL is on once an unported module is
// imported).
type StickyResult struct {
	Before, After *schedule.Exploration
	AfterBound    int
	Report        string
}

// ExploreSticky explores G9's program under sticky: first for a lost
// update of before, then verifying after for every schedule of up to
// afterBound preemptions.
func ExploreSticky(afterBound int) (*StickyResult, error) {
	code, err := compile.Compile(StickyFile, []byte(StickySource))
	if err != nil {
		return nil, err
	}
	counts := func(res *schedule.Result) (int, int, error) {
		if err := schedule.Ended(res); err != nil {
			return 0, 0, err
		}
		var b, a int
		if _, err := fmt.Sscanf(res.Stdout, "G9 %d %d", &b, &a); err != nil {
			return 0, 0, fmt.Errorf("unexpected output %q", res.Stdout)
		}
		return b, a, nil
	}
	cfg := schedule.Config{Runtime: core.Config{Policy: eml.PolicySticky}, Setup: python.RegisterModules}
	opts := schedule.Options{MaxSteps: 1_000_000}
	out := &StickyResult{AfterBound: afterBound}
	out.Before, err = schedule.Explore(schedule.ProgramRun(code, cfg, func(res *schedule.Result) error {
		b, _, err := counts(res)
		if err == nil && b != 2 {
			err = fmt.Errorf("before is %d after 2 `before += 1`: %d update lost before the import", b, 2-b)
		}
		return err
	}), opts, schedule.ExploreOptions{Preemptions: 2})
	if err != nil {
		return nil, err
	}
	out.After, err = schedule.Explore(schedule.ProgramRun(code, cfg, func(res *schedule.Result) error {
		_, a, err := counts(res)
		if err == nil && a != 2 {
			err = fmt.Errorf("after is %d after 2 `after += 1`: %d update lost after the import", a, 2-a)
		}
		return err
	}), opts, schedule.ExploreOptions{Preemptions: afterBound})
	if err != nil {
		return nil, err
	}
	if f := out.Before; f.Failure != nil {
		opts.Log = true
		res, err := schedule.RunProgram(code, schedule.Replay(f.Choices), schedule.Config{Runtime: cfg.Runtime, Setup: cfg.Setup, Options: opts})
		if err != nil {
			return nil, err
		}
		out.Report = schedule.Explain(res, schedule.ReportInput{
			Scenario: "Thread-1, Thread-2: before += 1 (joined, then `import legacy_counter`)\nThread-3, Thread-4: after += 1",
			Source:   []byte(StickySource),
			Broke:    f.Failure,
			Replay:   "go run ./cmd/rwgil run -policy sticky -schedule replay:" + StickySchedule + " -show-schedule " + StickyFile,
		})
	}
	return out, nil
}

// stickyAfterBound is how far the catalogue verifies G9's after phase.
const stickyAfterBound = 1

var sticky struct {
	once sync.Once
	r    *StickyResult
	err  error
}

// stickyCatalogue is ExploreSticky(stickyAfterBound), once: it is
// deterministic, and both the Markdown and its files need it.
func stickyCatalogue() (*StickyResult, error) {
	sticky.once.Do(func() { sticky.r, sticky.err = ExploreSticky(stickyAfterBound) })
	return sticky.r, sticky.err
}

// stickyMarkdown is the catalogue's G9 section.
func stickyMarkdown() string {
	r, err := stickyCatalogue()
	if err != nil {
		return fmt.Sprintf("G9 could not be explored: %v\n", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Explored with `schedule.Explore` (every schedule up to a preemption bound) under sticky, on a program whose two first threads do `before += 1`, are joined, and after `import legacy_counter` two more do `after += 1` (%s):\n\n", StickyFile)
	fmt.Fprintf(&b, "- before the import: %s: %v.\n", r.Before.Verdict(2), r.Before.Failure)
	fmt.Fprintf(&b, "- after the import, `after` checked: %s.\n\n", r.After.Verdict(r.AfterBound))
	if r.Report != "" {
		b.WriteString("```\n" + r.Report + "```\n")
	}
	return b.String()
}
