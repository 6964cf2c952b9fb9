import torch

z = torch.tensor([2.0, 1.0, 0.5, -1.0])

# 1. Temperature 0 divides by zero: the logits become +-inf and softmax gives nan.
with torch.no_grad():
    print("softmax(z / 0):", torch.softmax(z / 0.0, dim=-1).tolist())
print("greedy instead: argmax =", z.argmax().item())


# 2. The order matters for top-p: the temperature changes which tokens reach the mass p.
def top_p_keep(probs, p):
    s, order = probs.sort(descending=True)
    return torch.zeros_like(s, dtype=torch.bool).scatter(
        0, order, (s.cumsum(0) - s) < p
    )


tau, p = 2.0, 0.8
first_temp = top_p_keep(torch.softmax(z / tau, -1), p)  # temperature, then top-p
first_topp = top_p_keep(torch.softmax(z, -1), p)  # top-p, then temperature
print(
    f"temperature then top-p keeps {int(first_temp.sum())} tokens; "
    f"top-p then temperature keeps {int(first_topp.sum())}"
)

# 3. torch.multinomial's contract: non-negative, finite weights, not all zero (they
#    need not sum to 1); without replacement, no more draws than non-zero weights.
g = torch.Generator().manual_seed(0)
print(
    "weights [2, 1, 1] are fine:",
    torch.multinomial(torch.tensor([2.0, 1.0, 1.0]), 1, generator=g).tolist(),
)
for bad in ([0.5, -0.1, 0.6], [0.5, float("nan"), 0.5], [0.0, 0.0, 0.0]):
    try:
        torch.multinomial(torch.tensor(bad), 1, generator=g)
    except RuntimeError as e:
        print(f"weights {bad}: RuntimeError: {str(e).splitlines()[0]}")

# 4. Without replacement, more draws than non-zero weights: zero-probability indices
#    come out without a word, although the documentation forbids it.
note = " ".join(torch.multinomial.__doc__.split("must be lower than")[1].split()[:5])
print("torch.multinomial's documentation: num_samples must be lower than", note, "...")
w = torch.tensor([0.5, 0.5, 0.0, 0.0])  # two non-zero weights
print("3 draws without replacement from [0.5, 0.5, 0, 0]:",
      torch.multinomial(w, 3, replacement=False, generator=g).tolist())
