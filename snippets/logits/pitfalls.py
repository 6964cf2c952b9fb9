import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
logits = torch.randn(4, 27, generator=g) * 3   # (B, V): 4 positions, 27 characters
y = torch.tensor([1, 5, 0, 26])                # (B,) the correct next characters

# 1. cross_entropy applies log_softmax itself: give it logits, not probabilities.
right = F.cross_entropy(logits, y)
twice = F.cross_entropy(F.softmax(logits, dim=-1), y)   # softmax applied twice
print(f"cross_entropy(logits)          = {right.item():.4f}")
print(f"cross_entropy(softmax(logits)) = {twice.item():.4f}   (no error, wrong loss)")

# 2. Logits are not log-probabilities: log_softmax subtracts a different
#    constant from each row, the row's log-sum-exp.
log_probs = F.log_softmax(logits, dim=-1)
torch.testing.assert_close(logits - log_probs,
                           torch.logsumexp(logits, -1, keepdim=True).expand(-1, 27))
print("exp(logits) sums per row to",
      [round(s, 1) for s in logits.exp().sum(-1).tolist()])
print("exp(log_softmax) sums to   ",
      [round(s, 4) for s in log_probs.exp().sum(-1).tolist()])

# 3. -inf is a legal logit (probability 0); a row of nothing but -inf is not.
masked = torch.tensor([[0.0, float("-inf"), 1.0], [float("-inf")] * 3])
print("softmax of a masked row and of an all -inf row:",
      F.softmax(masked, dim=-1).tolist())

# 4. Half precision: the same softmax over a GPT-2-sized vocabulary in bfloat16.
big = torch.randn(50257, generator=g) * 4
exact = F.log_softmax(big.double(), dim=-1)
for dtype in (torch.float32, torch.bfloat16):
    err = (F.log_softmax(big.to(dtype), dim=-1).double() - exact).abs().max().item()
    print(f"log_softmax over 50257 logits in {str(dtype):14}: max error {err:.2e}")
