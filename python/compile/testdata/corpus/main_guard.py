# The main module's __name__ is "__main__".
def main():
    print("running main()")
    return 0


print("__name__ is", __name__)
if __name__ == "__main__":
    status = main()
    print("status", status)
else:
    print("imported, not run")
