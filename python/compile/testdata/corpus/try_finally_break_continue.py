# break and continue leave a try through its finally.
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)
print("after loop")

count = 0
while True:
    try:
        count += 1
        if count == 3:
            break
    finally:
        print("cleanup", count)

for outer in range(2):
    for inner in range(3):
        try:
            try:
                if inner == 1:
                    break
                print(outer, inner)
            finally:
                print("inner finally", outer, inner)
        finally:
            print("outer finally", outer, inner)
