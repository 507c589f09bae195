# A recursive pretty-printer for nested data, dispatching on type.
def render(value, indent=0):
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [pad + "  " + repr(k) + ": " + render(v, indent + 1) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = [pad + "  " + render(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(inner) + "\n" + pad + "]"
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    raise TypeError("cannot render " + type(value).__name__)


doc = {
    "name": "rwgil",
    "version": (0, 1),
    "stable": False,
    "ratio": 0.75,
    "tags": ["gil", "free-threading", 'say "hi"'],
    "owner": None,
    "nested": {"empty": {}, "list": []},
}
print(render(doc))
try:
    render({"bad": {1, 2}})
except TypeError as e:
    print(e)
