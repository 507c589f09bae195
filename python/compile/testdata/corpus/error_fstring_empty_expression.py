name = "world"
print(f"hello {}")
