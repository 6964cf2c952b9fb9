import torch
import torch.nn as nn
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
d_model = 8
x = torch.randn(3, d_model, generator=g) * 2 + 1            # (T, d_model)

# 1. Biased vs unbiased variance: torch.var divides by d_model - 1 by default,
#    nn.LayerNorm by d_model.
mean = x.mean(-1, keepdim=True)
unbiased = (x - mean) / torch.sqrt(x.var(-1, keepdim=True) + 1e-5)
diff = (unbiased - nn.LayerNorm(d_model)(x)).abs().max().item()
print(f"x.var() (unbiased) instead of the biased variance: max difference {diff:.4f}")

# 2. nn.RMSNorm(eps=None) uses the machine epsilon of the type it computes in
#    (float32 also for bfloat16 and float16 inputs), not Llama's 1e-5 or 1e-6.
f32, bf16 = torch.finfo(torch.float32).eps, torch.finfo(torch.bfloat16).eps
print("nn.RMSNorm() eps:", nn.RMSNorm(d_model).eps, "-> float32 eps", f32,
      "; bfloat16's own eps would be", bf16)
small = torch.randn(2, d_model, generator=g) * 1e-3        # a tiny activation
for eps in (None, 1e-6, 1e-5):
    out = nn.RMSNorm(d_model, eps=eps)(small)
    rms = out.pow(2).mean(-1).sqrt()
    print(f"RMSNorm(eps={eps}) on activations of size 1e-3: output RMS "
          f"{[round(v, 4) for v in rms.tolist()]}")
tiny = small.to(torch.bfloat16)                            # the same, in bfloat16
out = nn.RMSNorm(d_model).to(torch.bfloat16)(tiny).float()
for name, e in (("finfo(float32).eps", f32), ("finfo(bfloat16).eps", bf16)):
    t = tiny.float()
    ref = (t / torch.sqrt(t.pow(2).mean(-1, keepdim=True) + e)).to(torch.bfloat16)
    print(f"bfloat16 input: nn.RMSNorm() vs the formula with {name}: max difference "
          f"{(out - ref.float()).abs().max().item():.4f}")

# 3. The wrong axis: normalising over the T positions mixes them. In a causal
#    model the first token's output then depends on a later token.
seq = torch.randn(1, 5, d_model, generator=g)               # (B, T, d_model)
later = seq.clone()
later[0, 4] += 10.0                                          # change the last token
right = nn.LayerNorm(d_model)
wrong = lambda t: F.layer_norm(t.transpose(1, 2), (5,)).transpose(1, 2)  # over T
print("over d_model: token 0 changed by a later token?",
      not torch.allclose(right(seq)[0, 0], right(later)[0, 0]))
print("over T:       token 0 changed by a later token?",
      not torch.allclose(wrong(seq)[0, 0], wrong(later)[0, 0]))

# 4. BatchNorm normalises each feature over the batch (and the positions): a
#    sequence's output depends on the other sequences in the batch.
batch = torch.randn(2, 5, d_model, generator=g)            # two different sequences
other = batch.clone()
other[1] = other[1] * 5 + 3                                # change sequence 1 only
bn = nn.BatchNorm1d(d_model)                               # expects (B, C, T)
bn_out = lambda t: bn(t.transpose(1, 2)).transpose(1, 2)
ln = nn.LayerNorm(d_model)
print("BatchNorm: sequence 0's output changed by sequence 1?",
      not torch.allclose(bn_out(batch)[0], bn_out(other)[0]))
print("LayerNorm: sequence 0's output changed by sequence 1?",
      not torch.allclose(ln(batch)[0], ln(other)[0]))
