package stdlib_test

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/eml"
)

// TestQueueStressUnderFree runs queue_stress.py -- 4 producers, 4
// consumers, 12000 items through a bounded Queue -- with real goroutines
// under the free policy, where only the queue's own locks keep it
// consistent, and under the GIL and eml: nothing is lost or duplicated,
// each producer's items come out in order, and the takings show that the
// threads overlapped.
func TestQueueStressUnderFree(t *testing.T) {
	for _, p := range []eml.Policy{eml.PolicyFree, eml.PolicyEML, eml.PolicyGIL} {
		t.Run(p.String(), func(t *testing.T) {
			out, errOut, status := runPy(t, filepath.Join("testdata", "queue_stress.py"), p)
			if status != 0 {
				t.Fatalf("exit %d\nstderr:\n%s", status, errOut)
			}
			for _, want := range []string{
				"received 12000 of 12000\n",
				"all distinct and right True\n",
				"per producer in order True\n",
				"unfinished 0 empty True\n",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("want %q in the output:\n%s", want, out)
				}
			}
			if p != eml.PolicyFree {
				return
			}
			// Overlap: under free nothing serialises the threads, so
			// several consumers take items and the producers' items
			// arrive mixed.
			m := regexp.MustCompile(`producer switches (\d+)`).FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("no switch count in:\n%s", out)
			}
			if n, _ := strconv.Atoi(m[1]); n < 10 {
				t.Errorf("the producers did not overlap: %d switches between producers in the consumers' takings\n%s", n, out)
			}
			c := regexp.MustCompile(`consumers that got items (\d+)`).FindStringSubmatch(out)
			if c == nil || c[1] == "1" {
				t.Errorf("one consumer took everything: the consumers did not overlap\n%s", out)
			}
		})
	}
}
