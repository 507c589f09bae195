# Fibonacci numbers: naive recursion with a call count, memoised, and iterative.
calls = 0


def fib_naive(n):
    global calls
    calls += 1
    return n if n < 2 else fib_naive(n - 1) + fib_naive(n - 2)


def memoize(fn):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]

    wrapper.cache = cache
    return wrapper


@memoize
def fib_memo(n):
    return n if n < 2 else fib_memo(n - 1) + fib_memo(n - 2)


def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


print(fib_naive(15), "calls:", calls)
print(fib_memo(90), len(fib_memo.cache))
print(fib_iter(90) == fib_memo(90), fib_iter(200))
print([fib_iter(i) for i in range(12)])
