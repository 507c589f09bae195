# bytes literals: prefixes, escapes, concatenation, raw.
a = b'bytes'
b = B"bytes"
c = rb'raw\n'
d = bR'raw'
e = Rb"raw"
f = BR'''raw
lines'''
g = b'\x00\xff\n\t\\'
h = b'con' b"cat"
i = b''
j = b'\101\7\777'
k = b"it's"
l = b'"'
m = b'\q'
n = b'''triple
bytes'''
