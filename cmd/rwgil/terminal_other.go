//go:build !linux

package main

import "os"

// isTTY reports whether f is a terminal; off Linux, whether it is a
// character device, which may also be /dev/null.
func isTTY(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
