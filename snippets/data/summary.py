words = open("names.txt").read().splitlines()
lengths = [len(w) for w in words]
shortest, longest = min(lengths), max(lengths)
print(f"{len(words)} names")
print("most common:", words[:8])
print("shortest:", shortest, "characters, e.g.", [w for w in words if len(w) == shortest][:5])
print("longest:", longest, "characters, e.g.", [w for w in words if len(w) == longest][:3])
print("characters used:", "".join(sorted(set("".join(words)))))
