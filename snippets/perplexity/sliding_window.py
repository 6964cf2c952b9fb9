import math

import torch

# A model with a fixed context length W, evaluated on a text longer than W.
# The model: character trigram counts of the training names (+1 smoothing),
# which need 2 characters of context; with only 1 it falls back on bigrams.
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
train = [words[i] for i in order[len(words) // 10 :]]
val = [words[i] for i in order[: len(words) // 10]]
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}


def stream(names):  # all names as one text: ".emma.olivia.ava."
    return torch.tensor([stoi[c] for c in "." + ".".join(names) + "."])


tr, text = stream(train), stream(val)
N3 = torch.ones(27, 27, 27).index_put_(
    (tr[:-2], tr[1:-1], tr[2:]), torch.ones(len(tr) - 2), accumulate=True
)
N2 = torch.ones(27, 27).index_put_(
    (tr[:-1], tr[1:]), torch.ones(len(tr) - 1), accumulate=True
)
logp3 = (N3 / N3.sum(-1, keepdim=True)).log()
logp2 = (N2 / N2.sum(-1, keepdim=True)).log()
W = 4  # context length: the model sees at most W tokens at once


def evaluate(stride):
    """Windows of W tokens every `stride` tokens; each window scores only the
    tokens no earlier window scored, each with the context its window holds."""
    total, scored, prev_end = 0.0, 0, 0
    for begin in range(0, len(text), stride):
        end = min(begin + W, len(text))
        for i in range(max(prev_end, begin + 1), end):  # text[begin]: no context
            if i - begin == 1:  # one character of context in this window
                total -= logp2[text[i - 1], text[i]].item()
            else:
                total -= logp3[text[i - 2], text[i - 1], text[i]].item()
            scored += 1
        prev_end = end
        if end == len(text):
            break
    return scored, math.exp(total / scored)


print(f"text: {len(text)} tokens; context length W = {W}")
for stride in (W, 2, 1):
    scored, ppl = evaluate(stride)
    kind = "non-overlapping windows" if stride == W else "sliding window"
    print(f"stride {stride}: {scored} tokens scored, perplexity {ppl:.4f} ({kind})")
