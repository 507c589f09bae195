def f(
  a,
