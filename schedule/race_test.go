//go:build race

package schedule_test

// raceEnabled: this is a -race build, about ten times slower.
const raceEnabled = true
