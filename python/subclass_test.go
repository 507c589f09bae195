package python_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
)

// TestBuiltinSubclassThreads runs testdata/subclass/threads.py -- four
// threads appending to an instance of a list subclass and counting, under
// a lock, in a dict subclass with __missing__ -- with real goroutines
// under every policy, with objects tracked so that Close reports any
// leaked or doubly freed object. Nothing may be lost under any policy.
// Under the free-threaded policies it reruns, for up to a time budget,
// until the log shows the threads' appends interleaved (the threads ran
// at the same time): a run that never interleaves fails.
func TestBuiltinSubclassThreads(t *testing.T) {
	path := filepath.Join("testdata", "subclass", "threads.py")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "appended 8000 of 8000\ncounted [(0, 2000), (1, 2000), (2, 2000), (3, 2000)]\ntypes Log Tally\n"
	switchesRE := regexp.MustCompile(`switches (\d+)\n$`)
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
		t.Run(policy.String(), func(t *testing.T) {
			deadline := time.Now().Add(20 * time.Second)
			for run := 1; ; run++ {
				var stdout, stderr bytes.Buffer
				status := python.Run(core.Config{Policy: policy, Stdout: &stdout, Stderr: &stderr, TrackObjects: true}, path, src)
				out := stdout.String()
				m := switchesRE.FindStringSubmatch(out)
				if status != 0 || m == nil || out[:len(out)-len(m[0])] != want || stderr.Len() > 0 {
					t.Fatalf("run %d: status %d\nstdout:\n%s\nwant it to start with:\n%s\nstderr:\n%s", run, status, out, want, stderr.String())
				}
				switches, _ := strconv.Atoi(m[1])
				if policy == eml.PolicyGIL || switches > 3 {
					t.Logf("run %d: %d switches between threads in the log", run, switches)
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("after %d runs the threads never interleaved (switches %d): no evidence they ran at the same time", run, switches)
				}
			}
		})
	}
}
