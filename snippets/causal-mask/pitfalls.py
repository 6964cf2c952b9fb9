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

# In float16 (max 65504), a large negative constant overflows. masked_fill refuses
# -1e9; GPT-2's original w*b - 1e10*(1-b) (b = 1 where allowed) silently gives nan:
# 1e10 becomes inf, and inf * 0 = nan on every allowed position.
g = torch.Generator().manual_seed(0)
scores = (3 * torch.randn(T, T, generator=g)).half()            # float16 scores
try:
    scores.masked_fill(~tril, -1e9)
except RuntimeError as e:
    print("float16, masked_fill(-1e9): RuntimeError:", e)
b = tril.half()
gpt2 = F.softmax(scores * b - torch.tensor(1e10).half() * (1 - b), dim=-1)
print("float16, GPT-2's w*b - 1e10*(1-b): row 1 ->", gpt2[1].tolist())
b32 = tril.float()
gpt2_32 = F.softmax(scores.float() * b32 - 1e10 * (1 - b32), dim=-1)
print("float32, the same formula: row 1 ->", [round(w, 4) for w in gpt2_32[1].tolist()])
# -inf and torch.finfo(float16).min both work in float16 itself:
inf = F.softmax(scores.masked_fill(~tril, float("-inf")), dim=-1)
fmin = F.softmax(scores.masked_fill(~tril, torch.finfo(torch.float16).min), dim=-1)
assert inf.dtype == torch.float16 and torch.equal(inf, fmin)
print(f"float16, -inf or finfo.min ({torch.finfo(torch.float16).min}): row 1 ->",
      inf[1].tolist())

# In nn.MultiheadAttention, is_causal=True is a hint about attn_mask, not a mask.
# In training mode it raises without the mask...
try:
    mha(x, x, x, is_causal=True)
except RuntimeError as e:
    print("training mode, is_causal=True without attn_mask: RuntimeError:",
          str(e).split(".")[0])
# ...but on the fast path (eval mode, no_grad, batch_first, mha(x, x, x) with one
# tensor, an even number of heads) it is dropped: no error, and no mask at all.
mha.eval()
with torch.no_grad():
    hinted = mha(x, x, x, is_causal=True)[0]
    unmasked = mha(x, x, x)[0]
    masked = mha(x, x, x, attn_mask=m)[0]
print("eval + no_grad, is_causal=True without attn_mask: equals no mask:",
      torch.allclose(hinted, unmasked), "| equals the causal mask:",
      torch.allclose(hinted, masked))
# nn.TransformerEncoderLayer behaves the same way.
layer = nn.TransformerEncoderLayer(8, 2, batch_first=True)
try:
    layer(x, is_causal=True)
except RuntimeError as e:
    print("TransformerEncoderLayer, training: RuntimeError:", str(e).split(".")[0])
layer.eval()
with torch.no_grad():
    print("TransformerEncoderLayer, eval + no_grad: is_causal=True equals no mask:",
          torch.allclose(layer(x, is_causal=True), layer(x)))
