"""E1, E2 and E7's workloads: CPU-bound Python, on one thread or several.

usage: suite.py BENCH [N [THREADS]]

Runs the benchmark BENCH with scale N on each of THREADS threads (every
thread does the whole work: weak scaling), timed from the first thread's
start (all are released together by a barrier) to the last one's end, and
prints one JSON line: {"bench", "n", "threads", "seconds", "ops"}.
The same file runs under CPython and under rwgil.
"""
import json
import sys
import threading
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def bench_fib(n):
    # Recursion: calls and returns, small ints.
    total = 0
    for _ in range(n):
        total += fib(15)
    return total


def bench_float(n):
    # Float arithmetic: a Mandelbrot row of n points.
    escaped = 0
    for i in range(n):
        c_re = -2.0 + 2.5 * i / n
        c_im = 0.5
        z_re = 0.0
        z_im = 0.0
        for _ in range(50):
            z_re, z_im = z_re * z_re - z_im * z_im + c_re, 2.0 * z_re * z_im + c_im
            if z_re * z_re + z_im * z_im > 4.0:
                escaped += 1
                break
    return escaped


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)

    def norm1(self):
        return abs(self.x) + abs(self.y)


def bench_methods(n):
    # Method calls and attribute reads and writes.
    p = Point(0, 0)
    total = 0
    for i in range(n):
        p = p.moved(1, -1)
        p.x = p.x - 1
        total += p.norm1()
    return total


WORDS = "the quick brown fox jumps over the lazy dog and then the fox sleeps".split()


def bench_dicts(n):
    # Dicts and strings: counting words, joining and splitting.
    counts = {}
    for i in range(n):
        w = WORDS[i % len(WORDS)]
        key = w.upper() + str(i % 7)
        counts[key] = counts.get(key, 0) + 1
        if i % 50 == 0:
            line = " ".join(sorted(counts))
            counts[line[:8]] = len(line.split())
    return len(counts)


def bench_lists(n):
    # List operations: append, index, slice, sort, comprehension.
    total = 0
    for i in range(n // 100 + 1):
        xs = []
        for j in range(100):
            xs.append((j * 7919 + i) % 101)
        xs.sort()
        ys = [x * 2 for x in xs[10:90] if x % 3]
        total += ys[len(ys) // 2] + len(ys)
    return total


def squares(n):
    for i in range(n):
        yield i * i


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


def bench_generators(n):
    # Generators: a pipeline of two and a generator expression.
    return sum(x % 1000 for x in evens(squares(n)))


def bench_intloop(n):
    # Loops over ints: a running sum in a function's locals.
    x = 0
    for i in range(n):
        x = x + i
    return x


def counter(step):
    count = 0

    def bump():
        nonlocal count
        count += step
        return count
    return bump


def bench_closures(n):
    # Closures: calls to nested functions that read and write their
    # enclosing scope's cells.
    bump = counter(3)
    total = 0
    for i in range(n):
        total += bump() % 7
    return total


SHARED = [1, 2, 3]


def bench_shared(n):
    # Many threads taking references to one object: the refcount
    # contention of shallow copies (E7).
    total = 0
    for _ in range(n):
        a = SHARED
        b = a
        c = b
        total += len(c)
    return total


BENCHES = {
    "fib": (bench_fib, 300),
    "float": (bench_float, 20000),
    "methods": (bench_methods, 100000),
    "dicts": (bench_dicts, 100000),
    "lists": (bench_lists, 100000),
    "generators": (bench_generators, 200000),
    "shared": (bench_shared, 300000),
    "intloop": (bench_intloop, 1000000),
    "closures": (bench_closures, 200000),
}


def main(argv):
    if len(argv) < 2 or argv[1] not in BENCHES:
        print("usage: suite.py BENCH [N [THREADS]], BENCH one of " + ", ".join(BENCHES), file=sys.stderr)
        sys.exit(2)
    name = argv[1]
    fn, n = BENCHES[name]
    if len(argv) > 2:
        n = int(argv[2])
    threads = int(argv[3]) if len(argv) > 3 else 1
    start = threading.Barrier(threads)
    results = []
    spans = []

    def worker():
        start.wait()
        t0 = time.perf_counter()
        results.append(fn(n))
        spans.append((t0, time.perf_counter()))

    ts = [threading.Thread(target=worker) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    seconds = max(end for _, end in spans) - min(begin for begin, _ in spans)
    if len(set(results)) != 1:
        raise SystemExit("threads disagree: %r" % (results,))
    print(json.dumps({"bench": name, "n": n, "threads": threads,
                      "seconds": seconds, "ops": n * threads, "result": results[0]}))


main(sys.argv)
