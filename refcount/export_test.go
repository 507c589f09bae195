package refcount

// SharedWord is c's shared word, for tests that check a fast path left it
// as it was.
func SharedWord(c *Count) int64 { return c.shared.Load() }
