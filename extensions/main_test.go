package extensions_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if any goroutine -- a thread, a timer's
// goroutine, a socket's -- outlives the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
