# An uncaught json.JSONDecodeError: the traceback's last line names it
# json.decoder.JSONDecodeError, with the line and column of the problem.
import json

config = json.loads('{"workers": 4, "policy": "free"}')
print(config["workers"], config["policy"])
json.loads('{"workers": 4,\n "policy": free}')
