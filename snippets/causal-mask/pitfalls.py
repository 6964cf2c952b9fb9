import torch
import torch.nn as nn
import torch.nn.functional as F

T = 4
# generate_square_subsequent_mask returns a float mask (0 and -inf), not a bool one.
m = nn.Transformer.generate_square_subsequent_mask(T)
print("generate_square_subsequent_mask:", m.dtype, m[0].tolist())

# Boolean masks mean opposite things in the two APIs: True = may attend in SDPA,
# True = blocked in nn.MultiheadAttention. The same tril passed to both:
torch.manual_seed(0)
tril = torch.tril(torch.ones(T, T, dtype=torch.bool))
mha = nn.MultiheadAttention(8, 2, batch_first=True)
x = torch.randn(1, T, 8)
float_mask = mha(x, x, x, attn_mask=m)[0]
blocked = mha(x, x, x, attn_mask=~tril)[0]  # True = blocked
torch.testing.assert_close(blocked, float_mask)
print("nn.MultiheadAttention: attn_mask=~tril (True = blocked) equals the float mask m")

# A large negative number instead of -inf overflows in float16.
scores = torch.zeros(T, T, dtype=torch.float16)
try:
    scores.masked_fill(~tril, -1e9)
except RuntimeError as e:
    print("masked_fill(-1e9) in float16: RuntimeError:", e)
print("use -inf, or torch.finfo(dtype).min:", torch.finfo(torch.float16).min)
ok = F.softmax(scores.float().masked_fill(~tril, float("-inf")), dim=-1)
print("softmax with -inf: first row", ok[0].tolist())

# In nn.MultiheadAttention, is_causal=True is a hint about attn_mask, not a mask.
# In training mode it raises without the mask...
try:
    mha(x, x, x, is_causal=True)
except RuntimeError as e:
    print("training mode, is_causal=True without attn_mask: RuntimeError:",
          str(e).split(".")[0])
# ...but in eval mode under no_grad (inference), the fast path ignores it: no error,
# and no mask at all.
mha.eval()
with torch.no_grad():
    hinted = mha(x, x, x, is_causal=True)[0]
    unmasked = mha(x, x, x)[0]
    masked = mha(x, x, x, attn_mask=m)[0]
print("eval + no_grad, is_causal=True without attn_mask: equals no mask:",
      torch.allclose(hinted, unmasked), "| equals the causal mask:",
      torch.allclose(hinted, masked))
