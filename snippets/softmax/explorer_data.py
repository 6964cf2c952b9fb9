import json

import torch

# One real next-letter distribution: the letter after "a" in names.txt, whose logits
# are the log of the bigram counts plus one (as on the sampling page).
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
pairs = [chars.index(a) * 27 + chars.index(b)
         for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=729).view(27, 27)
z = (N[chars.index("a")] + 1).float().log()  # (V,) logits, V = 27

# What the slider below reads, and PyTorch's softmax at five temperatures, which the
# site's browser test compares the slider's numbers with.
temps = [0.25, 0.5, 1.0, 2.0, 5.0]
reference = {str(t): torch.softmax(z / t, dim=-1).tolist() for t in temps}
data = {"chars": chars, "logits_after_a": z.tolist()}
with open("softmax_explorer.js", "w") as f:  # a script: see the names GPT's export
    data = json.dumps(data)
    f.write("Object.assign((window.glossaryExplorerData ??= {}), " + data + ");\n")
json.dump({"softmax_after_a": reference}, open("softmax_goldens.json", "w"))
for t in temps:
    p = torch.softmax(z / t, dim=-1)
    top = p.argmax().item()
    name = "the end of the name (.)" if top == 0 else repr(chars[top])
    print(f"tau {t:4}: most likely next character {name}, probability {p[top]:.4f}")
