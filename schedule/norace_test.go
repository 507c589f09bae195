//go:build !race

package schedule_test

// raceEnabled: this is not a -race build.
const raceEnabled = false
