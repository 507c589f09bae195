#!/bin/sh
# Instruction counts of the speed suite (experiments/workloads/suite.py)
# under rwgil and CPython, from valgrind's callgrind: exact, unlike wall
# time on a busy machine. Each program runs at scale N and 2N, and the
# difference is reported, so that start-up (Go's runtime, the compiler,
# CPython's site import) cancels out: the figure is the instructions of N
# units of the program's work.
#
# usage: docs/bench/callgrind.sh RWGIL [POLICY [CPYTHON [BENCH...]]]
#   RWGIL    an rwgil binary (go build -o /work/bin/rwgil ./cmd/rwgil)
#   POLICY   eml (default) or another -policy
#   CPYTHON  a CPython interpreter to count beside (default: none; "-" none)
#
# prints: bench N rwgil-instructions cpython-instructions ratio
set -eu
rwgil=$1
policy=${2:-eml}
cpython=${3:--}
shift $(( $# < 3 ? $# : 3 ))
benches=${*:-fib intloop float methods dicts lists generators closures}
suite=$(dirname "$0")/../../experiments/workloads/suite.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# small sizes: callgrind runs about 50x slower than the program
size() {
	case $1 in
	fib) echo 20 ;;
	intloop) echo 40000 ;;
	float) echo 800 ;;
	methods) echo 4000 ;;
	dicts) echo 4000 ;;
	lists) echo 10000 ;;
	generators) echo 8000 ;;
	closures) echo 10000 ;;
	*) echo "no size for $1" >&2; exit 2 ;;
	esac
}

# ir CMD...: the instructions callgrind counted for CMD
ir() {
	PYTHONHASHSEED=0 GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off valgrind --tool=callgrind \
		--callgrind-out-file="$tmp/out" "$@" >/dev/null 2>"$tmp/err" || {
		cat "$tmp/err" >&2
		exit 1
	}
	sed -n 's/^==[0-9]*== Collected : //p' "$tmp/err"
}

printf '%-11s %8s %14s %14s %7s\n' bench N rwgil-$policy cpython ratio
for b in $benches; do
	n=$(size "$b")
	r1=$(ir "$rwgil" run -policy "$policy" "$suite" "$b" "$n")
	r2=$(ir "$rwgil" run -policy "$policy" "$suite" "$b" $((2 * n)))
	r=$((r2 - r1))
	if [ "$cpython" != - ]; then
		c1=$(ir "$cpython" "$suite" "$b" "$n")
		c2=$(ir "$cpython" "$suite" "$b" $((2 * n)))
		c=$((c2 - c1))
		printf '%-11s %8d %14d %14d %7.2f\n' "$b" "$n" "$r" "$c" "$(echo "$r / $c" | bc -l)"
	else
		printf '%-11s %8d %14d %14s %7s\n' "$b" "$n" "$r" - -
	fi
done
