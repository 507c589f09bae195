# SystemExit with a string prints it to stderr and exits with status 1.
def main():
    print("checking arguments")
    raise SystemExit("usage: prog FILE")


main()
