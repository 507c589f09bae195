# Generators chained into a pipeline, each pulling from the previous one.
def read_lines(text):
    for line in text.split("\n"):
        yield line


def strip_comments(lines):
    for line in lines:
        line = line.split("#")[0].strip()
        if line:
            yield line


def parse(lines):
    for line in lines:
        key, _, value = line.partition("=")
        yield key.strip(), value.strip()


config = """
# settings
name = demo
threads = 4   # per core
verbose=yes

empty =
"""
settings = dict(parse(strip_comments(read_lines(config))))
print(settings)


def running_average():
    total = count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


avg = running_average()
next(avg)
print([avg.send(v) for v in [10, 20, 60]])


def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x


def naturals():
    n = 0
    while True:
        yield n
        n += 1


print(list(take(5, (n * n for n in naturals() if n % 3 == 0))))
