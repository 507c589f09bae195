# Count word frequencies in a text and print the most common ones.
TEXT = """It was the best of times, it was the worst of times, it was the age
of wisdom, it was the age of foolishness, it was the epoch of belief, it
was the epoch of incredulity, it was the season of Light, it was the season
of Darkness."""


def words(text):
    for raw in text.split():
        word = raw.strip(".,;:!?\"'").lower()
        if word:
            yield word


def frequencies(text):
    counts = {}
    for w in words(text):
        counts[w] = counts.get(w, 0) + 1
    return counts


counts = frequencies(TEXT)
ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
print("distinct words:", len(counts))
for word, n in ranked[:6]:
    print(f"{word:>8} {n:3d} {'#' * n}")
longest = max(counts, key=lambda w: (len(w), w))
print("longest:", longest, "| used once:", sum(1 for n in counts.values() if n == 1))
