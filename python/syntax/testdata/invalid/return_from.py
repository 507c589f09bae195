return x from y
