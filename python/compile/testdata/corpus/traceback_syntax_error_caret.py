# A syntax error is printed with the line and a caret, and no traceback.
values = [1, 2, 3]
print(values)
print(values[0] +)
