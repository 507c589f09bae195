if x:
    pass
  pass
