package experiments

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"github.com/rwgil/rwgil/eml"
)

// E3Config configures [E3]. Zero fields take the defaults in brackets.
type E3Config struct {
	// Targets are run side by side [every policy].
	Targets []Target
	// Fractions are the shares of a thread's work inside unported calls
	// [0, 1%, 5%, 10%, 25%, 50%, 100%].
	Fractions []float64
	// Threads is N [the number of cores].
	Threads int
	// Phases are the fractions of the phase-change run, one phase each
	// [0, 50%, 0], run under the eml, gil and adaptive targets of Targets
	// on N threads; none if empty and Targets has none of them.
	Phases   []float64
	Quick    bool
	Rounds   int
	Progress func(string)
}

// E3Row is one target at one fraction.
type E3Row struct {
	Target     string  `json:"target"`
	Policy     string  `json:"policy"`
	Priorities *bool   `json:"priorities,omitempty"`
	Fraction   float64 `json:"f"`
	Threads    int     `json:"threads"`
	// Throughput is units of work per second on Threads threads (median);
	// Speedup is it over the same target's on one thread, per round
	// (median and range); Bound is Amdahl's 1/(f + (1-f)/N).
	Throughput float64 `json:"throughput"`
	// Throughput1 is the same on one thread (median).
	Throughput1 float64 `json:"throughput_1,omitempty"`
	Speedup     float64 `json:"speedup"`
	SpeedupMin  float64 `json:"speedup_min"`
	SpeedupMax  float64 `json:"speedup_max"`
	Bound       float64 `json:"bound"`
	// Phase, for a row of the phase-change run, is the phase's number
	// (from 1; 0 for the Amdahl rows), Fraction its f and Throughput its
	// own; ToGIL and ToEML count the run's adaptive switches (medians),
	// for an Amdahl row those of the run on Threads threads, and ToGIL1
	// those to the GIL on one thread.
	Phase  int    `json:"phase,omitempty"`
	ToGIL  uint64 `json:"to_gil,omitempty"`
	ToEML  uint64 `json:"to_eml,omitempty"`
	ToGIL1 uint64 `json:"to_gil_1,omitempty"`
}

// e3Units is each thread's number of work units, and e3K the additions
// of a unit's core part.
const (
	e3Units, e3UnitsQuick = 300, 20
	e3K                   = 2000
	// e3PhaseUnits is each thread's units in each phase of the
	// phase-change run: long enough for several of adaptive's windows and
	// inhibits in each.
	e3PhaseUnits, e3PhaseUnitsQuick = 1000, 60
)

// e3DefaultPhases is the phase-change run's mix: no unported calls, then
// half the work in them, then none again.
var e3DefaultPhases = []float64{0, 0.5, 0}

// medianCount is the median of counts, 0 if there are none (a CPython
// target has no lock statistics).
func medianCount(xs []float64) uint64 {
	if len(xs) == 0 {
		return 0
	}
	return uint64(SpreadOf(xs).Median)
}

// amdahlBound is the speedup Amdahl's law allows on n processors when
// the fraction f of the work is serial.
func amdahlBound(f float64, n int) float64 { return 1 / (f + (1-f)/float64(n)) }

// E3 is Amdahl's law for the extension module lock: the fraction f of
// each thread's work is a call into an unported module, and the
// throughput of each design on N threads, over its own on one thread, is
// set against 1/(f + (1-f)/N).
func E3(ctx context.Context, cfg E3Config) ([]E3Row, error) {
	fs := cfg.Fractions
	if len(fs) == 0 {
		fs = []float64{0, 0.01, 0.05, 0.10, 0.25, 0.50, 1}
	}
	n := cfg.Threads
	if n <= 0 {
		n = runtime.NumCPU()
	}
	units, phaseUnits := e3Units, e3PhaseUnits
	if cfg.Quick {
		units, phaseUnits = e3UnitsQuick, e3PhaseUnitsQuick
	}
	phases := cfg.Phases
	if len(phases) == 0 {
		phases = e3DefaultPhases
	}
	var cells []Cell
	for _, t := range cfg.Targets {
		for _, f := range fs {
			for _, threads := range []int{1, n} {
				cells = append(cells, Cell{Target: t, Workload: "amdahl.py",
					Args: []string{strconv.FormatFloat(f, 'g', -1, 64), strconv.Itoa(threads), strconv.Itoa(units), strconv.Itoa(e3K)}})
			}
		}
	}
	amdahlCells := len(cells)
	var phaseTargets []Target
	for _, t := range cfg.Targets {
		if !t.IsCPython() && (t.Policy == eml.PolicyEML || t.Policy == eml.PolicyGIL && !t.Priorities || t.Policy == eml.PolicyAdaptive) {
			phaseTargets = append(phaseTargets, t)
			args := []string{strconv.Itoa(n), strconv.Itoa(phaseUnits), strconv.Itoa(e3K)}
			for _, f := range phases {
				args = append(args, strconv.FormatFloat(f, 'g', -1, 64))
			}
			cells = append(cells, Cell{Target: t, Workload: "phases.py", Args: args})
		}
	}
	ms, err := Interleave(ctx, cfg.Rounds, cells, roundProgress(cfg.Progress, "E3", cfg.Rounds, func(c Cell) string {
		if c.Workload == "phases.py" {
			return fmt.Sprintf("%s, phases %s on %s threads", c.Target.Name, strings.Join(c.Args[3:], ","), c.Args[0])
		}
		return fmt.Sprintf("%s, f=%s on %s threads", c.Target.Name, c.Args[0], c.Args[1])
	}))
	if err != nil {
		return nil, err
	}
	var rows []E3Row
	for ti, t := range cfg.Targets {
		for fi, f := range fs {
			i := (ti*len(fs) + fi) * 2
			var thr, thr1, sp, toGIL, toEML, toGIL1 []float64
			for _, round := range ms {
				one := round[i].Float("units") / round[i].Float("seconds")
				x := round[i+1].Float("units") / round[i+1].Float("seconds")
				thr = append(thr, x)
				thr1 = append(thr1, one)
				sp = append(sp, x/one)
				if st1, st := round[i].Stats, round[i+1].Stats; st1 != nil && st != nil {
					toGIL1 = append(toGIL1, float64(st1.Lock.Adaptive.ToGIL))
					toGIL = append(toGIL, float64(st.Lock.Adaptive.ToGIL))
					toEML = append(toEML, float64(st.Lock.Adaptive.ToEML))
				}
			}
			s := SpreadOf(sp)
			rows = append(rows, E3Row{Target: t.Name, Policy: t.PolicyName(), Priorities: priorities(t), Fraction: f, Threads: n,
				Throughput: SpreadOf(thr).Median, Throughput1: SpreadOf(thr1).Median, Speedup: s.Median, SpeedupMin: s.Min, SpeedupMax: s.Max, Bound: amdahlBound(f, n),
				ToGIL: medianCount(toGIL), ToEML: medianCount(toEML), ToGIL1: medianCount(toGIL1)})
		}
	}
	for ti, t := range phaseTargets {
		i := amdahlCells + ti
		perPhase := make([][]float64, len(phases))
		var toGIL, toEML []float64
		for _, round := range ms {
			m := round[i]
			secs, _ := m.Values["seconds"].([]any)
			if len(secs) != len(phases) {
				return nil, fmt.Errorf("%w: phases.py under %s reported %d phases, want %d", ErrWorkload, t.Name, len(secs), len(phases))
			}
			units := float64(n * phaseUnits)
			for p, v := range secs {
				sec, _ := v.(float64)
				if sec <= 0 {
					return nil, fmt.Errorf("%w: phases.py under %s: phase %d took %v s", ErrWorkload, t.Name, p+1, v)
				}
				perPhase[p] = append(perPhase[p], units/sec)
			}
			if m.Stats != nil {
				toGIL = append(toGIL, float64(m.Stats.Lock.Adaptive.ToGIL))
				toEML = append(toEML, float64(m.Stats.Lock.Adaptive.ToEML))
			}
		}
		for p, f := range phases {
			rows = append(rows, E3Row{Target: t.Name, Policy: t.PolicyName(), Priorities: priorities(t), Fraction: f, Threads: n, Phase: p + 1,
				Throughput: SpreadOf(perPhase[p]).Median, ToGIL: medianCount(toGIL), ToEML: medianCount(toEML)})
		}
	}
	return rows, nil
}

func init() {
	register(Experiment{
		ID:       "e3",
		Name:     "amdahl",
		Title:    "E3 Amdahl",
		Measures: "a fraction f of each thread's work in unported calls: speedup on N threads against Amdahl's bound 1/(f + (1-f)/N); adaptive against the better of eml and gil, and across a change of f during a run",
		Run: func(ctx context.Context, o Options) (*Table, error) {
			ts := append(o.policyTargets(eml.Policies(), false), o.CPython...)
			n := 0
			if len(o.Threads) > 0 {
				n = o.Threads[0]
			}
			rows, err := E3(ctx, E3Config{Targets: ts, Threads: n, Quick: o.Quick, Rounds: o.rounds(), Progress: o.Progress})
			if err != nil {
				return nil, err
			}
			return e3Table(rows), nil
		},
	})
}

func e3Table(rows []E3Row) *Table {
	n := 0
	if len(rows) > 0 {
		n = rows[0].Threads
	}
	t := &Table{
		ID:    "e3",
		Name:  "amdahl",
		Title: "E3 Amdahl",
		Claim: fmt.Sprintf("Coghlan's proposal: with the extension module lock only the unported fraction f is serial, so eml's speedup on N=%d threads follows Amdahl's 1/(f + (1-f)/N); the GIL (and sticky, CPython 3.13t's GIL-for-good after the import) stays at 1; adaptive should reach at least 0.95 of the better of eml and gil at every f, and follow a change of f during a run.", n),
		Rows:  rows,
		Plot:  &Plot{Title: fmt.Sprintf("E3 Amdahl, %d threads", n), X: "fraction f in unported calls", Y: "speedup over one thread"},
	}
	var phaseRows []E3Row
	amdahl := rows[:0:0]
	for _, r := range rows {
		if r.Phase > 0 {
			phaseRows = append(phaseRows, r)
		} else {
			amdahl = append(amdahl, r)
		}
	}
	targets, cells, keys := pivot(amdahl, func(r E3Row) (string, string, string) {
		return strconv.FormatFloat(r.Fraction, 'g', -1, 64), r.Target, fmtRatio(r.Speedup, r.SpeedupMin, r.SpeedupMax)
	})
	t.Columns = append([]string{"f", "bound"}, targets...)
	bounds := map[string]string{}
	series := map[string]*Series{}
	bound := Series{Name: "Amdahl bound", Reference: true}
	for _, r := range amdahl {
		k := strconv.FormatFloat(r.Fraction, 'g', -1, 64)
		if _, ok := bounds[k]; !ok {
			bounds[k] = fmt.Sprintf("%.2f", r.Bound)
			bound.X = append(bound.X, r.Fraction)
			bound.Y = append(bound.Y, r.Bound)
		}
		s := series[r.Target]
		if s == nil {
			s = &Series{Name: r.Target}
			series[r.Target] = s
		}
		s.X = append(s.X, r.Fraction)
		s.Y = append(s.Y, r.Speedup)
	}
	for _, k := range keys {
		t.Cells = append(t.Cells, append([]string{k, bounds[k]}, cells[k]...))
	}
	for _, tg := range targets {
		t.Plot.Series = append(t.Plot.Series, *series[tg])
		var worst, at float64 = 2, 0
		for _, r := range amdahl {
			if r.Target == tg && r.Speedup/r.Bound < worst {
				worst, at = r.Speedup/r.Bound, r.Fraction
			}
		}
		t.Notes = append(t.Notes, fmt.Sprintf("%s reaches at worst %.0f%% of the bound (at f = %g).", tg, 100*worst, at))
	}
	t.Plot.Series = append(t.Plot.Series, bound)
	t.Notes = append(t.Notes, adaptiveNotes(amdahl, phaseRows)...)
	return t
}

// adaptiveNotes sets adaptive against the better of eml and gil: its
// throughput over theirs at each f on one thread and on N, and in each
// phase of the phase-change run, with the switches it made there.
func adaptiveNotes(amdahl, phases []E3Row) []string {
	byKey := map[string]E3Row{}
	for _, r := range amdahl {
		byKey[r.Target+"/"+strconv.FormatFloat(r.Fraction, 'g', -1, 64)] = r
	}
	var notes []string
	for _, one := range []bool{true, false} {
		var parts []string
		worst, below := 2.0, 0
		for _, r := range amdahl {
			if r.Target != eml.PolicyAdaptive.String() {
				continue
			}
			k := "/" + strconv.FormatFloat(r.Fraction, 'g', -1, 64)
			e, okE := byKey[eml.PolicyEML.String()+k]
			g, okG := byKey[eml.PolicyGIL.String()+k]
			if !okE || !okG {
				return nil
			}
			a, best := r.Throughput, max(e.Throughput, g.Throughput)
			if one {
				a, best = r.Throughput1, max(e.Throughput1, g.Throughput1)
			}
			if best <= 0 {
				continue
			}
			ratio := a / best
			worst = min(worst, ratio)
			if ratio < 0.95 {
				below++
			}
			parts = append(parts, fmt.Sprintf("%g: %.2f", r.Fraction, ratio))
		}
		if len(parts) == 0 {
			continue
		}
		threads := "one thread"
		if !one && len(amdahl) > 0 {
			threads = fmt.Sprintf("%d threads", amdahl[0].Threads)
		}
		notes = append(notes, fmt.Sprintf("adaptive's throughput over the better of eml and gil on %s, by f: %s (%d of %d below 0.95; worst %.2f).",
			threads, strings.Join(parts, ", "), below, len(parts), worst))
	}
	var perF []string
	for _, r := range amdahl {
		if r.Target == eml.PolicyAdaptive.String() {
			perF = append(perF, fmt.Sprintf("%g: %d/%d", r.Fraction, r.ToGIL1, r.ToGIL))
		}
	}
	if len(perF) > 0 && len(notes) > 0 {
		notes = append(notes, fmt.Sprintf("adaptive's switches to the GIL in a run (median), on one thread/on %d, by f: %s.", amdahl[0].Threads, strings.Join(perF, ", ")))
	}
	if len(phases) == 0 {
		return notes
	}
	var fs []string
	for _, r := range phases {
		if r.Phase > len(fs) {
			fs = append(fs, strconv.FormatFloat(r.Fraction, 'g', -1, 64))
		}
	}
	var parts []string
	tput := map[string][]float64{}
	var switches string
	for _, r := range phases {
		tput[r.Target] = append(tput[r.Target], r.Throughput)
		if r.Target == eml.PolicyAdaptive.String() && r.Phase == 1 {
			switches = fmt.Sprintf("; adaptive switched %d times to the GIL and %d back", r.ToGIL, r.ToEML)
		}
	}
	var order []string
	for _, r := range phases {
		if r.Phase == 1 {
			order = append(order, r.Target)
		}
	}
	for _, tg := range order {
		var ts []string
		for _, x := range tput[tg] {
			ts = append(ts, fmt.Sprintf("%.0f", x))
		}
		parts = append(parts, fmt.Sprintf("%s %s", tg, strings.Join(ts, " / ")))
	}
	n := phases[0].Threads
	notes = append(notes, fmt.Sprintf("Phase change on %d threads, f = %s one phase after another: units per second in each phase, %s%s.",
		n, strings.Join(fs, " then "), strings.Join(parts, "; "), switches))
	a, e, g := tput[eml.PolicyAdaptive.String()], tput[eml.PolicyEML.String()], tput[eml.PolicyGIL.String()]
	if len(a) == len(fs) && len(e) == len(fs) && len(g) == len(fs) {
		var rs []string
		for p := range fs {
			if best := max(e[p], g[p]); best > 0 {
				rs = append(rs, fmt.Sprintf("%.2f", a[p]/best))
			}
		}
		notes = append(notes, fmt.Sprintf("In each phase adaptive reaches %s of the better of eml and gil.", strings.Join(rs, ", ")))
	}
	return notes
}
