package experiments

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// ClientResult is what the convoy client measured: the time of all round
// trips and their distribution.
type ClientResult struct {
	RoundTrips int     `json:"round_trips"`
	Seconds    float64 `json:"seconds"`
	P50us      float64 `json:"p50_us"`
	P99us      float64 `json:"p99_us"`
}

// ConvoyClient is E5's client: it connects to the server at addr and
// makes n round trips of size-byte messages (a 4-byte big-endian length,
// then the payload), one after the other, timing each.
func ConvoyClient(ctx context.Context, addr string, n, size int) (ClientResult, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return ClientResult{}, fmt.Errorf("experiments: convoy client: %w", err)
	}
	defer conn.Close()
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetNoDelay(true)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	msg := make([]byte, 4+size)
	binary.BigEndian.PutUint32(msg, uint32(size))
	for i := range size {
		msg[4+i] = byte('a' + i%26)
	}
	reply := make([]byte, len(msg))
	rtts := make([]time.Duration, n)
	start := time.Now()
	for i := range n {
		t0 := time.Now()
		if _, err := conn.Write(msg); err != nil {
			return ClientResult{}, fmt.Errorf("experiments: convoy client, request %d: %w", i, err)
		}
		if _, err := io.ReadFull(conn, reply); err != nil {
			return ClientResult{}, fmt.Errorf("experiments: convoy client, reply %d: %w", i, err)
		}
		rtts[i] = time.Since(t0)
	}
	total := time.Since(start)
	sort.Slice(rtts, func(i, j int) bool { return rtts[i] < rtts[j] })
	us := func(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
	return ClientResult{RoundTrips: n, Seconds: total.Seconds(), P50us: us(rtts[n/2]), P99us: us(rtts[n*99/100])}, nil
}

// ClientFunc runs the convoy client against port: in this process
// (InProcessClient) or in another (ProcessClient).
type ClientFunc func(ctx context.Context, port, n, size int) (ClientResult, error)

// InProcessClient runs ConvoyClient on a goroutine of this process: its
// Go code never takes rwgil's lock, but it shares the process's
// processors with the server. Tests use it; rwgil bench runs the client
// in a process of its own.
func InProcessClient(ctx context.Context, port, n, size int) (ClientResult, error) {
	return ConvoyClient(ctx, "127.0.0.1:"+strconv.Itoa(port), n, size)
}

// ProcessClient returns a ClientFunc that runs `exe bench convoy-client`
// (the rwgil binary) as a separate process, pinned to processor cpu when
// cpu >= 0.
func ProcessClient(exe string, cpu int) ClientFunc {
	return func(ctx context.Context, port, n, size int) (ClientResult, error) {
		cmd := exec.CommandContext(ctx, exe, "bench", "convoy-client", "-port", strconv.Itoa(port), "-n", strconv.Itoa(n), "-size", strconv.Itoa(size))
		cmd.Stderr = os.Stderr
		if cpu >= 0 {
			cmd.Args = append(cmd.Args, "-cpu", strconv.Itoa(cpu))
		}
		out, err := cmd.Output()
		if err != nil {
			return ClientResult{}, fmt.Errorf("experiments: convoy client process: %w", err)
		}
		var r ClientResult
		if err := json.Unmarshal(out, &r); err != nil {
			return ClientResult{}, fmt.Errorf("experiments: convoy client printed %q: %v", truncate(string(out), 200), err)
		}
		return r, nil
	}
}

// E5Config configures [E5]. Zero fields take the defaults in brackets.
type E5Config struct {
	// Targets are run side by side [gil, gil with priorities, eml,
	// adaptive, sticky, free].
	Targets []Target
	// Variants are the server's: "threads" (blocking sockets, a thread
	// per connection) and "select" (one select loop) [both].
	Variants []string
	// RoundTrips of Size bytes [10,000 of 64; 300 with Quick].
	RoundTrips, Size int
	// Client runs the client [InProcessClient].
	Client ClientFunc
	// Pin has the server place its serving thread on processor 0 and its
	// spinner on processor 1 (the client goes on processor 0 too, when
	// Client pins it): the workload pins its own threads with
	// os.sched_setaffinity, under rwgil (whose os module locks a pinned
	// thread's goroutine to its OS thread) as under CPython.
	Pin      bool
	Quick    bool
	Rounds   int
	Progress func(string)
}

// E5Row is one target and server variant.
type E5Row struct {
	Target     string `json:"target"`
	Policy     string `json:"policy"`
	Priorities *bool  `json:"priorities,omitempty"`
	Variant    string `json:"variant"`
	Threads    int    `json:"threads"`
	// Slowdown is, per round, the client's time for all round trips with
	// the CPU-bound thread over its time without (median and range);
	// P50us and P99us are the round trips' with it, AloneP50us without.
	Slowdown    float64 `json:"slowdown"`
	SlowdownMin float64 `json:"slowdown_min"`
	SlowdownMax float64 `json:"slowdown_max"`
	AloneP50us  float64 `json:"alone_p50_us"`
	P50us       float64 `json:"p50_us"`
	P99us       float64 `json:"p99_us"`
}

// E5 is Beazley's convoy: a request/reply server measured by a client
// alone, then with one CPU-bound Python thread in the server's process.
func E5(ctx context.Context, cfg E5Config) ([]E5Row, error) {
	variants := cfg.Variants
	if len(variants) == 0 {
		variants = []string{"threads", "select"}
	}
	n, size := cfg.RoundTrips, cfg.Size
	if n <= 0 {
		n = 10000
		if cfg.Quick {
			n = 300
		}
	}
	if size <= 0 {
		size = 64
	}
	client := cfg.Client
	if client == nil {
		client = InProcessClient
	}
	rounds := max(cfg.Rounds, 1)
	type key struct{ t, v, spin int }
	res := map[key][]ClientResult{}
	for r := range rounds {
		for ti, t := range cfg.Targets {
			for vi, v := range variants {
				for spin := range 2 {
					if cfg.Progress != nil {
						cfg.Progress(fmt.Sprintf("E5 round %d/%d: %s, %s server, spinner %v", r+1, rounds, t.Name, v, spin == 1))
					}
					cr, err := convoyRun(ctx, t, v, spin == 1, n, size, client, cfg.Pin)
					if err != nil {
						return nil, err
					}
					res[key{ti, vi, spin}] = append(res[key{ti, vi, spin}], cr)
				}
			}
		}
	}
	var rows []E5Row
	for ti, t := range cfg.Targets {
		for vi, v := range variants {
			alone, busy := res[key{ti, vi, 0}], res[key{ti, vi, 1}]
			var slow, p50, p99, a50 []float64
			for r := range alone {
				slow = append(slow, busy[r].Seconds/alone[r].Seconds)
				p50, p99, a50 = append(p50, busy[r].P50us), append(p99, busy[r].P99us), append(a50, alone[r].P50us)
			}
			s := SpreadOf(slow)
			rows = append(rows, E5Row{Target: t.Name, Policy: t.PolicyName(), Priorities: priorities(t), Variant: v, Threads: 2,
				Slowdown: s.Median, SlowdownMin: s.Min, SlowdownMax: s.Max,
				AloneP50us: SpreadOf(a50).Median, P50us: SpreadOf(p50).Median, P99us: SpreadOf(p99).Median})
		}
	}
	return rows, nil
}

// convoyRun starts the server workload under t, runs the client against
// the port it prints, and waits for the server to end.
func convoyRun(ctx context.Context, t Target, variant string, spin bool, n, size int, client ClientFunc, pin bool) (ClientResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	port := make(chan int, 1)
	served := make(chan error, 1)
	flag := map[bool]string{false: "0", true: "1"}
	go func() {
		_, err := RunWatching(ctx, t, "convoy.py", []string{variant, flag[spin], flag[pin]}, func(line map[string]any) {
			if p, ok := line["port"].(float64); ok {
				select {
				case port <- int(p):
				default:
				}
			}
		})
		served <- err
	}()
	var p int
	select {
	case p = <-port:
	case err := <-served:
		if err == nil {
			err = errors.New("the server ended without printing its port")
		}
		return ClientResult{}, err
	case <-time.After(30 * time.Second):
		return ClientResult{}, fmt.Errorf("experiments: E5: the %s server under %s printed no port in 30 s", variant, t.Name)
	}
	cr, err := client(ctx, p, n, size)
	if err != nil {
		cancel()
		<-served
		return ClientResult{}, err
	}
	if err := <-served; err != nil {
		return ClientResult{}, err
	}
	return cr, nil
}

func init() {
	register(Experiment{
		ID:       "e5",
		Name:     "convoy",
		Title:    "E5 convoy",
		Measures: "a request/reply server's round trips alone and beside one CPU-bound thread: the slowdown (Beazley's convoy)",
		Run: func(ctx context.Context, o Options) (*Table, error) {
			ts := append(o.policyTargets([]eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyAdaptive, eml.PolicySticky, eml.PolicyFree}, true), o.CPython...)
			client := InProcessClient
			if o.ConvoyClient != nil {
				client = o.ConvoyClient
			}
			rows, err := E5(ctx, E5Config{Targets: ts, Client: client, Pin: o.Pin, Quick: o.Quick, Rounds: o.rounds(), Progress: o.Progress})
			if err != nil {
				return nil, err
			}
			return e5Table(rows), nil
		},
	})
}

func e5Table(rows []E5Row) *Table {
	t := &Table{
		ID:      "e5",
		Name:    "convoy",
		Title:   "E5 convoy",
		Claim:   "Beazley (2011) reports 7-10x; CPython measured on this machine gave 72-79x unpinned and 319-355x pinned, and 1.02x for the free-threaded build. The GIL convoys; the GIL with priorities, eml and adaptive (eml while no unported call is made) should not.",
		Columns: []string{"target", "server", "slowdown", "p50 us alone", "p50 us with spinner", "p99 us with spinner"},
		Rows:    rows,
	}
	t.Plot = &Plot{Title: "E5 convoy: slowdown beside a CPU-bound thread", Y: "round-trip time with / without"}
	series := map[string]*Series{}
	var variants []string
	for _, r := range rows {
		if series[r.Variant] == nil {
			series[r.Variant] = &Series{Name: r.Variant + " server"}
			variants = append(variants, r.Variant)
		}
		series[r.Variant].Y = append(series[r.Variant].Y, max(r.Slowdown, 0.01))
		if r.Variant == rows[0].Variant {
			t.Plot.Categories = append(t.Plot.Categories, r.Target)
		}
	}
	for _, v := range variants {
		t.Plot.Series = append(t.Plot.Series, *series[v])
	}
	for _, r := range rows {
		t.Cells = append(t.Cells, []string{r.Target, r.Variant, fmtRatio(r.Slowdown, r.SlowdownMin, r.SlowdownMax) + "x",
			fmt.Sprintf("%.0f", r.AloneP50us), fmt.Sprintf("%.0f", r.P50us), fmt.Sprintf("%.0f", r.P99us)})
		t.Notes = append(t.Notes, fmt.Sprintf("%s, %s server: %.1fx slower with a CPU-bound thread beside it.", r.Target, r.Variant, r.Slowdown))
	}
	return t
}
