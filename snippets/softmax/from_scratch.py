import torch

logits = torch.tensor([2.0, 1.0, 0.1, -1.0])   # (V,) scores, vocabulary V = 4
tokens = ["the", "a", "cat", "zebra"]

exps = logits.exp()                  # (V,) e^z: positive, "count-like"
probs = exps / exps.sum()            # (V,) divide by the total: sums to 1

print("token    logit   exp(logit)   softmax")
for tok, z, e, p in zip(tokens, logits.tolist(), exps.tolist(), probs.tolist()):
    print(f"{tok:6} {z:7.2f} {e:12.4f} {p:9.4f}")
print("sum of probabilities:", round(probs.sum().item(), 6))
