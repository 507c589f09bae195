package main

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var badCPython = flag.Bool("bad.cpython", false, "TestBadPrograms: also run each program marked \"cpython: same\" under python3.12 and compare the last line of stderr and the exit status")

// badCase is a program of testdata/bad and what rwgil run must do with
// it, read from the comment lines at its top:
//
//	# args: -max-memory 64MiB    flags before the file
//	# exit: 1                     the exit status
//	# stdout: text                stdout contains text (repeatable)
//	# stderr: text                stderr contains text (repeatable)
//	# last: text                  stderr's last line starts with text
//	# cpython: ...                what CPython 3.12 does ("same": the last
//	                              line and status are CPython's)
type badCase struct {
	file          string
	args          []string
	exit          int
	stdout        []string
	stderr        []string
	last, cpython string
}

func readBadCase(t *testing.T, file string) badCase {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := badCase{file: file, exit: -1}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "# ")
		if !ok {
			break
		}
		key, val, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		switch key {
		case "args":
			c.args = strings.Fields(val)
		case "exit":
			if c.exit, err = strconv.Atoi(val); err != nil {
				t.Fatalf("%s: exit: %v", file, err)
			}
		case "stdout":
			c.stdout = append(c.stdout, val)
		case "stderr":
			c.stderr = append(c.stderr, val)
		case "last":
			c.last = val
		case "cpython":
			c.cpython = val
		}
	}
	if c.exit < 0 || c.cpython == "" {
		t.Fatalf("%s: the header needs an exit: and a cpython: line", file)
	}
	return c
}

// TestBadPrograms runs every program of testdata/bad -- a new user's
// mistakes: sizes no machine holds, endless recursion and loops that
// fill the memory, threads that fail -- and checks that each ends at
// once with the clear error its header names, never a Go panic, a
// fatal error or a hang (issue 12).
func TestBadPrograms(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.py")
	if len(files) < 20 {
		t.Fatalf("found %d programs in testdata/bad", len(files))
	}
	for _, file := range files {
		c := readBadCase(t, file)
		t.Run(filepath.Base(file), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			done := make(chan int)
			go func() { done <- run(append(append([]string{"run"}, c.args...), file), &stdout, &stderr) }()
			var code int
			select {
			case code = <-done:
			case <-time.After(2 * time.Minute):
				t.Fatalf("still running after two minutes: it runs away")
			}
			if code != c.exit {
				t.Errorf("exit status %d, want %d", code, c.exit)
			}
			for _, w := range c.stdout {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q", w)
				}
			}
			for _, w := range c.stderr {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q", w)
				}
			}
			lines := strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n")
			last := lines[len(lines)-1]
			if c.last != "" && !strings.HasPrefix(last, c.last) {
				t.Errorf("stderr's last line:\n  want: %s...\n  got:  %s", c.last, last)
			}
			if c.last == "" && len(c.stderr) == 0 && stderr.Len() > 0 {
				t.Errorf("stderr should be empty")
			}
			for _, bad := range []string{"goroutine ", "panic:", "fatal error", "runtime."} {
				if strings.Contains(stderr.String(), bad) {
					t.Errorf("a Go failure (%q) reached the user", bad)
				}
			}
			if t.Failed() {
				t.Logf("stdout:\n%s\nstderr:\n%s", &stdout, &stderr)
			}
			if *badCPython && c.cpython == "same" {
				compareCPython(t, file, code, last)
			}
		})
	}
}

// compareCPython runs file under python3.12 (with docs/examples on the
// path, for its thread module) and compares the exit status and the last
// line of stderr with rwgil's.
func compareCPython(t *testing.T, file string, code int, last string) {
	t.Helper()
	cmd := exec.Command("python3.12", file)
	cmd.Env = append(os.Environ(), "PYTHONPATH=../../docs/examples")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	status := 0
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("python3.12: %v", err)
	}
	lines := strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n")
	if status != code || lines[len(lines)-1] != last {
		t.Errorf("CPython 3.12 and rwgil differ:\n  CPython: status %d, %s\n  rwgil:   status %d, %s", status, lines[len(lines)-1], code, last)
	}
}
