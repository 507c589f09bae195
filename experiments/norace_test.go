//go:build !race

package experiments_test

// raceEnabled: the test binary was built with -race.
const raceEnabled = false
