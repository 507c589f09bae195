# Deep nesting of brackets, calls and blocks.
x = ((((((((((1))))))))))
y = [[[[[[[[[[1]]]]]]]]]]
z = {1: {2: {3: {4: {5: None}}}}}
w = f(g(h(i(j(k(1))))))
def a():
    def b():
        def c():
            def d():
                def e():
                    return ((lambda: (yield))())
                return e
            return d
        return c
    return b
