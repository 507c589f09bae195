//go:build race

package tests

// raceEnabled: this is a -race build, about ten times slower.
const raceEnabled = true
