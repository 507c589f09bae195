package experiments

import (
	"context"
	"fmt"
	"math"
	"sort"
)

// A Spread is the median and range of one figure over the rounds of an
// experiment: each round's figure is a ratio or rate taken between runs
// of that round, so the spread shows how much the machine drifted.
type Spread struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	// N is the number of rounds the figure was measured in.
	N int `json:"rounds"`
}

// SpreadOf summarises samples (at least one).
func SpreadOf(samples []float64) Spread {
	if len(samples) == 0 {
		return Spread{Median: math.NaN(), Min: math.NaN(), Max: math.NaN()}
	}
	s := append([]float64(nil), samples...)
	sort.Float64s(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return Spread{Median: med, Min: s[0], Max: s[len(s)-1], N: len(s)}
}

// String prints the median and, when there were several rounds, the range.
func (s Spread) String() string { return s.Format("%.2f") }

// Format prints the spread with the verb verb for each number.
func (s Spread) Format(verb string) string {
	if s.N == 0 || math.IsNaN(s.Median) {
		return "-"
	}
	if s.N == 1 || s.Min == s.Max {
		return fmt.Sprintf(verb, s.Median)
	}
	return fmt.Sprintf(verb+" ("+verb+"-"+verb+")", s.Median, s.Min, s.Max)
}

// A Cell is one run of a round: a target on one workload configuration.
type Cell struct {
	Target   Target
	Workload string
	Args     []string
	// Key groups cells into rows: cells with the same key in different
	// rounds are the same measurement repeated.
	Key string
}

// Interleave runs every cell once per round, in order, for rounds rounds
// (A B C A B C ...), and returns the measurements by round and cell
// index. progress, if not nil, is told of each run before it starts.
func Interleave(ctx context.Context, rounds int, cells []Cell, progress func(round, i int, c Cell)) ([][]Measurement, error) {
	rounds = max(rounds, 1)
	out := make([][]Measurement, rounds)
	for r := range rounds {
		out[r] = make([]Measurement, len(cells))
		for i, c := range cells {
			if progress != nil {
				progress(r, i, c)
			}
			m, err := Run(ctx, c.Target, c.Workload, c.Args...)
			if err != nil {
				return nil, err
			}
			out[r][i] = m
		}
	}
	return out, nil
}

// roundProgress is the progress callback an experiment gives Interleave:
// before each run it tells progress "ID round r/n: " and what(c) (nil
// when progress is nil).
func roundProgress(progress func(string), id string, rounds int, what func(c Cell) string) func(r, i int, c Cell) {
	if progress == nil {
		return nil
	}
	return func(r, _ int, c Cell) {
		progress(fmt.Sprintf("%s round %d/%d: %s", id, r+1, max(rounds, 1), what(c)))
	}
}

// acrossRounds is the spread over the rounds of ms of the figure f takes
// from each round's measurements.
func acrossRounds(ms [][]Measurement, f func(round []Measurement) float64) Spread {
	xs := make([]float64, len(ms))
	for r, round := range ms {
		xs[r] = f(round)
	}
	return SpreadOf(xs)
}
