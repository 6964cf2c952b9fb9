import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
T, d_model = 3, 4
x = torch.randn(1, T, d_model)                            # (B, T, d_model)
q = k = v = x.unsqueeze(1)                                # (B, H=1, T, d_k)

# Boolean masks mean opposite things: True = may attend (SDPA),
# True = blocked (nn.MultiheadAttention). Row 1 may see nothing at all.
allowed = torch.tensor([[True, False, False],
                        [False, False, False],
                        [True, True, True]])

# A fully masked row: plain softmax gives nan, SDPA gives zeros.
scores = (q @ k.transpose(-2, -1)).masked_fill(~allowed, float("-inf"))
print("softmax, masked row:", F.softmax(scores, dim=-1)[0, 0, 1].tolist())
sdpa = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
print("SDPA, masked row:   ", sdpa[0, 0, 1].tolist())

# nn.MultiheadAttention: it depends on need_weights (which picks the code path).
mha = nn.MultiheadAttention(d_model, 1, batch_first=True)
with torch.no_grad():
    for need in (True, False):
        out, _ = mha(x, x, x, attn_mask=~allowed, need_weights=need)
        print(f"MultiheadAttention(need_weights={need}), masked row:",
              [round(v, 4) for v in out[0, 1].tolist()])

# is_causal in nn.MultiheadAttention is only a hint about attn_mask. Without a mask
# it raises, except on the module's fast path (eval mode, no autograd, batch_first,
# query, key and value the same tensor, an even number of heads, ...): there the
# hint is dropped and nothing is masked.
cases = [("eval, no_grad, 2 heads, mha(x, x, x)", 2, False, True, True),
         ("eval, no_grad, 1 head", 1, False, True, True),
         ("train mode", 2, True, True, True),
         ("eval, with autograd", 2, False, False, True),
         ("eval, no_grad, key = x.clone()", 2, False, True, False)]
for label, heads, train, no_grad, same in cases:
    m = nn.MultiheadAttention(d_model, heads, batch_first=True).train(train)
    key = x if same else x.clone()
    with torch.set_grad_enabled(not no_grad):
        try:
            hinted, _ = m(x, key, key, is_causal=True)
            unmasked, _ = m(x, key, key)
            print(f"is_causal=True, no mask, {label}: runs, output == unmasked:",
                  torch.equal(hinted, unmasked))
        except RuntimeError as e:
            print(f"is_causal=True, no mask, {label}: RuntimeError:",
                  str(e).split(".")[0])
causal = nn.Transformer.generate_square_subsequent_mask(T)   # float: -inf above
no_mask = torch.zeros(T, T, dtype=torch.bool)                  # nothing blocked
with torch.no_grad():
    for need in (True, False):
        hinted, _ = mha(x, x, x, attn_mask=no_mask, is_causal=True, need_weights=need)
        real, _ = mha(x, x, x, attn_mask=causal, need_weights=need)
        print(f"wrong hint, need_weights={need}: equals the causal result?",
              torch.allclose(hinted, real))
