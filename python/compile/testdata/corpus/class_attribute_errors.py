class C:
    value = 1
c = C()
x = 5
try:
    c.missing_attr
except AttributeError as e:
    print(e)
try:
    C.missing_attr
except AttributeError as e:
    print(e)
try:
    del c.value
except AttributeError as e:
    print(e)
try:
    x.real_part = 1
except AttributeError as e:
    print(e)
