# Frames of methods, lambdas and nested functions are named in the traceback.
class Parser:
    def parse(self, items):
        convert = lambda s: int(s)
        return [convert(s) for s in items]


def run():
    def inner():
        return Parser().parse(["1", "x"])
    return inner()


run()
