# needs: names-1915.txt
for path in ("names.txt", "names-1915.txt"):
    words = open(path).read().splitlines()
    lengths = [len(w) for w in words]
    shortest, longest = min(lengths), max(lengths)
    print(f"{path}: {len(words)} names")
    print("  most common:", words[:8])
    print(f"  shortest: {shortest} characters:",
          [w for w in words if len(w) == shortest][:5])
    print(f"  longest: {longest} characters:",
          [w for w in words if len(w) == longest][:3])
    print("  characters used:", "".join(sorted(set("".join(words)))))
