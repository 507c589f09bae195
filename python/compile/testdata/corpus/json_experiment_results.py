# Emitting an experiment's results with json, and reading them back:
# dumps with indent and sort_keys, the default hook, round trips, and
# the decoder's errors.
import json

results = {
    "policy": "eml",
    "threads": 4,
    "times": [0.125, 0.25, 1e-06, 12.0],
    "ok": True,
    "notes": None,
    "counts": {"promotions": 12, "demotions": 12, "big": 10**25},
    "label": "caf\u00e9 \u2713 \"quoted\"\n",
}
text = json.dumps(results, indent=2, sort_keys=True)
print(text)
print(json.dumps(results, separators=(",", ":"), ensure_ascii=False))
back = json.loads(text)
print(back == results, back["counts"]["big"], type(back["times"][0]).__name__)


class Run:
    def __init__(self, name, score):
        self.name, self.score = name, score


def encode(obj):
    if isinstance(obj, Run):
        return {"run": obj.name, "score": obj.score}
    if isinstance(obj, set):
        return sorted(obj)
    raise TypeError(f"cannot encode {type(obj).__name__}")


print(json.dumps([Run("a", 1.5), {3, 1, 2}, (1, 2)], default=encode))
print(json.loads('{"x": 1, "x": 2, "y": [1, 2, {"z": null}]}'))
print(json.loads('[1.5, 2, -0.0, 1e400, NaN]', parse_float=str))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=lambda pairs: sorted(pairs)))
print(json.dumps({1: "one", 2.5: "two and a half", None: "none", True: "yes"}))
print(json.dumps([float("inf"), float("-inf")]), json.dumps("tab\there"))

for doc in ["", "[1, 2,", '{"a" 1}', "[1, 2] x", '{"a": tru}', '"unterminated', "{'single': 1}", "[1,\n 2,\n oops]"]:
    try:
        json.loads(doc)
    except json.JSONDecodeError as e:
        print(repr(doc), "->", e, "|", e.msg, e.lineno, e.colno)
for bad in [lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(Run("r", 0)), lambda: json.dumps(float("nan"), allow_nan=False)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
circular = [1]
circular.append(circular)
try:
    json.dumps(circular)
except ValueError as e:
    print(e)
