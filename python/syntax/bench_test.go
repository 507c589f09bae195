package syntax

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// bigProgram returns a program of at least n lines made of the valid
// corpus's UTF-8 programs one after another.
func bigProgram(tb testing.TB, n int) []byte {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "valid", "*.py"))
	var parts [][]byte
	for _, path := range files {
		switch filepath.Base(path) {
		case "latin1.py", "bom.py", "crlf.py", "no_newline.py", "formfeed.py":
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		parts = append(parts, b)
	}
	var out bytes.Buffer
	for lines := 0; lines < n; {
		for _, b := range parts {
			out.Write(b)
			out.WriteByte('\n')
			lines += bytes.Count(b, []byte("\n")) + 1
		}
	}
	return out.Bytes()
}

// BenchmarkParse parses a 10,000-line program (the valid corpus, repeated).
//
//	go test -run XXX -bench Parse -benchmem ./python/syntax
func BenchmarkParse(b *testing.B) {
	src := bigProgram(b, 10000)
	if _, err := Parse("big.py", src); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("big.py", src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(bytes.Count(src, []byte("\n")))*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkParseError parses the same program with a mistake on its last
// line, so that both passes run over all of it.
func BenchmarkParseError(b *testing.B) {
	src := append(bigProgram(b, 10000), "x = (1 2\n"...)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("big.py", src); err == nil {
			b.Fatal("no error")
		}
	}
}
