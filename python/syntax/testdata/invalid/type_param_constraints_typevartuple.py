type X[*Ts: (int, str)] = Ts
