# Slices with steps, negative steps and out-of-range bounds.
nums = list(range(10))
text = "abcdefghij"
tup = tuple(range(5))
print(nums[::2], nums[1::2], nums[::-1], nums[::-3])
print(nums[8:2:-2], nums[2:8:-1], nums[-1:-4:-1], nums[-100:100:4])
print(text[::2], text[::-1], text[1:8:3], text[-2::-2], text[5:100], text[100:])
print(tup[::-1], tup[1:4:2], tup[::10], range(10)[::3], range(10)[7:2:-2])
print(nums[None:None:None] == nums, nums[:-1:], text[-3:])
print("racecar"[::-1] == "racecar", [1, 2, 3][::-1][0])
try:
    nums[::0]
except ValueError as e:
    print(e)
try:
    nums["a":]
except TypeError as e:
    print(e)
print(nums[True:3], text[1.0.__int__():3])
