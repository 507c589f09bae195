# sys.exit with a str prints it to stderr and exits with status 1.
import sys

print("before exit")
sys.exit("fatal: the input was empty")
