# What a fixed PYTHONHASHSEED must make the same from run to run: str
# and bytes hashes, and the order of a set of strs.
print(hash("spam"), hash(b"eggs"))
print(list({"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}))
