//go:build !linux

package stdlib

import "github.com/rwgil/rwgil/core"

// On platforms other than Linux, socket and select do not import: their
// system-call layer (netsys_linux.go) is Linux's.

const socketsSupported = false

func init() {
	for _, name := range []string{"socket", "select"} {
		add(name, func(th *core.Thread, name string) (*core.Module, error) {
			return nil, th.Raisef(th.RaiseType("ImportError"), "rwgil's %s module needs Linux (its system calls are Linux's)", name)
		})
	}
}
