import math

import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
# Two "sentences" of very different length, with their per-token losses.
short = torch.full((5,), 1.0)  # 5 tokens, 1 nat each
long = torch.full((95,), 3.0)  # 95 tokens, 3 nats each

# 1. The mean of per-sentence perplexities is not the corpus perplexity.
per_sentence = [math.exp(short.mean().item()), math.exp(long.mean().item())]
corpus = math.exp(torch.cat([short, long]).mean().item())
print(
    f"mean of the two sentences' perplexities: {sum(per_sentence) / 2:.3f}; "
    f"perplexity of all 100 tokens: {corpus:.3f}"
)

# 2. Padding must be ignored, or the easy padding predictions lower the perplexity.
logits = torch.randn(8, 27, generator=g)
targets = torch.tensor([3, 5, 0, -100, -100, -100, -100, -100])  # 3 real tokens
padded = targets.clone()
padded[padded == -100] = 0  # padding as '.'
logits[3:, 0] = 20.0  # padding is easy
print(
    f"ignoring padding: {math.exp(F.cross_entropy(logits, targets)):.3f}; "
    f"counting it: {math.exp(F.cross_entropy(logits, padded)):.3f}"
)

# 3. Bases: exp of a loss in nats, or 2 ** a loss in bits. Mixing them is wrong.
nats = 2.0
print(
    f"loss {nats} nats: exp(loss) = {math.exp(nats):.3f} == 2 ** (loss / ln 2) = "
    f"{2 ** (nats / math.log(2)):.3f}; 2 ** loss in nats = {2 ** nats:.3f} (wrong)"
)
