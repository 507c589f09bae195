# Augmented assignment with every operator and several target kinds.
counter = 0
counter += 1
counter -= 1
counter *= 2
counter /= 2
counter //= 2
counter %= 3
counter **= 2
counter @= m
counter &= 1
counter |= 2
counter ^= 3
counter <<= 1
counter >>= 1
obj.count += 1
items[i] += 1
items[i:j] += [1]
D[x] = D[x] + 1
L.append(x)
