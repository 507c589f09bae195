f(a, b=, c)
