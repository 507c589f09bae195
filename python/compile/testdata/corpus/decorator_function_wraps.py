# Function decorators: wrappers, stacking order, and decorators with arguments.
def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, kwargs)
        result = fn(*args, **kwargs)
        print("->", result)
        return result
    return wrapper


def repeat(times):
    def decorate(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return decorate


def counted(fn):
    def wrapper(*args):
        wrapper.calls += 1
        return fn(*args)
    wrapper.calls = 0
    return wrapper


@trace
def add(a, b=0):
    return a + b


@repeat(3)
def hello(name):
    return "hello " + name


@counted
@trace
def double(x):
    return 2 * x


add(1, b=2)
print(hello("bob"))
double(4)
double(5)
print("double was called", double.calls, "times")
print(add.__name__, double.__name__)
