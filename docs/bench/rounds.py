#!/usr/bin/env python3
"""Run Go benchmarks in rounds and report median ratios.

These machines are shared and noisy: one vCPU can run half as fast as the
other for seconds at a time. So every configuration runs once per round,
each ratio is computed inside a round (all its terms measured within a few
seconds of each other), and the table reports the median over rounds with
the interquartile range.

usage: rounds.py TESTBINARY BENCHREGEXP ROUNDS BENCHTIME RATIO...
where each RATIO is NAME=NUMERATOR/DENOMINATOR over benchmark names
(without the -N suffix), e.g. eml/free=Eval/eml/Eval/free -- use ':' to
separate the two names: eml-vs-free=Eval/eml:Eval/free.
"""
import re, statistics, subprocess, sys

binary, pattern, rounds, benchtime = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ratios = [r.split("=", 1) for r in sys.argv[5:]]
samples = {}      # name -> [ns/op per round]
per_round = []
for i in range(rounds):
    out = subprocess.run([binary, "-test.run", "^$", "-test.bench", pattern,
                          "-test.benchtime", benchtime, "-test.count", "1"],
                         capture_output=True, text=True, check=True).stdout
    got = {}
    for line in out.splitlines():
        m = re.match(r"Benchmark(\S+?)(-\d+)?\s+\d+\s+([\d.]+) ns/op", line)
        if m:
            got[m.group(1)] = float(m.group(3))
            samples.setdefault(m.group(1), []).append(float(m.group(3)))
    per_round.append(got)

def q(xs):
    xs = sorted(xs)
    return statistics.median(xs), xs[len(xs) // 4], xs[(3 * len(xs)) // 4]

print(f"{rounds} rounds of {pattern}, -benchtime {benchtime}")
print("| benchmark | median ns/op | IQR |")
print("|---|---|---|")
for name, xs in samples.items():
    m, lo, hi = q(xs)
    print(f"| {name} | {m:.1f} | {lo:.1f}-{hi:.1f} |")
print()
print("| ratio | median | IQR |")
print("|---|---|---|")
for label, expr in ratios:
    a, b = expr.split(":")
    rs = [r[a] / r[b] for r in per_round if a in r and b in r]
    m, lo, hi = q(rs)
    print(f"| {label} | {m:.2f} | {lo:.2f}-{hi:.2f} |")
