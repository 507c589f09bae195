# A RecursionError caught and the program goes on; then one uncaught from
# a method, below a frame of the module's.
def f(n):
    return f(n + 1)

try:
    f(0)
except RecursionError as e:
    print("caught:", e)


class Node:
    def depth(self):
        return self.depth() + 1


def main():
    return Node().depth()

main()
