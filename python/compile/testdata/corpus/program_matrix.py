# Matrices as lists of lists: transpose, multiply, identity, determinant.
def transpose(m):
    return [list(row) for row in zip(*m)]


def matmul(a, b):
    bt = transpose(b)
    return [[sum(x * y for x, y in zip(row, col)) for col in bt] for row in a]


def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def det(m):
    if len(m) == 1:
        return m[0][0]
    total = 0
    for j, value in enumerate(m[0]):
        minor = [row[:j] + row[j + 1:] for row in m[1:]]
        total += (-1) ** j * value * det(minor)
    return total


def show(m):
    width = max(len(str(v)) for row in m for v in row)
    for row in m:
        print(" ".join(f"{v:>{width}}" for v in row))


a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show(transpose(a))
show(matmul(a, b))
print(matmul(identity(2), [[5, 6], [7, 8]]) == [[5, 6], [7, 8]])
print(det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]), det(identity(4)))
