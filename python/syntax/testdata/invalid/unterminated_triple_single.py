s = '''abc

