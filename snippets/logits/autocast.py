import torch
import torch.nn.functional as F

# Mixed precision on the CPU: under autocast the matmul that makes the logits
# runs in bfloat16, but the losses are on autocast's float32 list.
g = torch.Generator().manual_seed(0)
h = torch.randn(4, 64, generator=g)            # (B, d_model) hidden vectors
W = torch.randn(64, 27, generator=g)           # (d_model, V) output layer
y = torch.tensor([1, 5, 0, 26])                # (B,) the correct next characters
with torch.autocast("cpu", dtype=torch.bfloat16):
    logits = h @ W
    log_probs = F.log_softmax(logits, dim=-1)
    loss = F.cross_entropy(logits, y)
    nll = F.nll_loss(log_probs, y)
print("logits = h @ W:                ", logits.dtype)
print("F.cross_entropy(logits, y):    ", loss.dtype)
print("F.nll_loss(log_probs, y):      ", nll.dtype)
print("F.log_softmax(logits) (on CPU):", log_probs.dtype)
assert logits.dtype == torch.bfloat16 and loss.dtype == nll.dtype == torch.float32
