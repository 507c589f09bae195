package syntax

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to Parse: it must never panic, and it
// must return either a module or a *Error whose position lies inside the
// file. The corpus programs are the seeds.
//
//	go test -fuzz=FuzzParse ./python/syntax
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"valid", "invalid"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.py"))
		for _, path := range files {
			// Large seeds (the deep-nesting cases) slow the fuzzer's
			// minimization down more than they help it.
			if b, err := os.ReadFile(path); err == nil && len(b) <= 4096 {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := Parse("fuzz.py", src)
		if err == nil {
			if m == nil {
				t.Fatal("Parse returned neither a module nor an error")
			}
			_ = Dump(m, 1)
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Parse returned %T %v, want a *Error", err, err)
		}
		_ = e.Error()
		_ = e.Format()
		if m != nil {
			t.Fatal("Parse returned both a module and an error")
		}
		checkErrorPosition(t, src, e)
	})
}

// checkErrorPosition checks that e's position lies inside src: a line of
// the file, and an offset from 0 to one past the line's last character.
func checkErrorPosition(t *testing.T, src []byte, e *Error) {
	t.Helper()
	if e.noPos {
		if e.Msg == "" {
			t.Fatal("an error without a message")
		}
		return
	}
	text := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	lines := bytes.Split(text, []byte("\n"))
	if len(lines) > 1 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	if e.Line < 1 || e.Line > len(lines) {
		t.Fatalf("%s: line %d is outside the file's %d lines (%s)", e.Error(), e.Line, len(lines), e.Msg)
	}
	if e.EndLine < e.Line || e.EndLine > len(lines) {
		t.Fatalf("%s: end line %d is outside lines %d..%d", e.Error(), e.EndLine, e.Line, len(lines))
	}
	n := utf8.RuneCount(lines[e.Line-1]) + 1 // the newline
	if e.Line == 1 && bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		n++ // CPython counts the byte order mark
	}
	if e.Offset < 0 || e.Offset > n+1 {
		t.Fatalf("%s: offset %d is outside line %d (%d characters)", e.Error(), e.Offset, e.Line, n-1)
	}
}
