caf€ = 1
