# needs: names_gpt.safetensors
import copy

import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.set_num_threads(1)
chars = ".abcdefghijklmnopqrstuvwxyz"


# --- the names GPT (the same code on every page that loads it) ------------------------
class Block(nn.Module):
    """Pre-LN block: x + attention(LN(x)), then x + MLP(LN(x))."""

    def __init__(self, d_model, H):
        super().__init__()
        self.H = H
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.mlp = nn.Sequential(
            nn.Linear(d_model, 4 * d_model),
            nn.GELU(approximate="tanh"),
            nn.Linear(4 * d_model, d_model),
        )

    def forward(self, x):  # (B, T, d_model)
        B, T, d_model = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d_model, dim=-1)
        heads = lambda t: t.view(B, T, self.H, d_model // self.H).transpose(1, 2)
        a = F.scaled_dot_product_attention(heads(q), heads(k), heads(v), is_causal=True)
        x = x + self.proj(a.transpose(1, 2).reshape(B, T, d_model))
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, V=27, context=16, d_model=48, H=4, L=2):
        super().__init__()
        self.tok = nn.Embedding(V, d_model)  # token embedding
        self.pos = nn.Embedding(context, d_model)  # learned positions
        self.blocks = nn.Sequential(*[Block(d_model, H) for _ in range(L)])
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, V, bias=False)  # untied output layer

    def forward(self, idx):  # (B, T) ids -> logits
        x = self.tok(idx) + self.pos(torch.arange(idx.shape[1]))
        return self.head(self.ln_f(self.blocks(x)))  # (B, T, V)


# --- end of the names GPT -------------------------------------------------------------


# --- quantization from scratch
def fake_quant(w, scale, zero_point, axis, qmin, qmax):
    """w -> integers q = clamp(round(w / scale) + zero_point, qmin, qmax)
    -> back to floats (q - zero_point) * scale.

    One scale and one zero point per slice of w along `axis` (per channel)."""
    shape = [1] * w.dim()
    shape[axis] = -1  # e.g. (C, 1) for axis 0 of a matrix: broadcast along the rows
    scale, zero_point = scale.reshape(shape), zero_point.reshape(shape)
    q = torch.round(w * (1.0 / scale)) + zero_point  # nearest integer, ties to even
    q = q.clamp(qmin, qmax)
    return (q - zero_point) * scale, q


def symmetric_params(w, axis, bits):
    """absmax: the largest |w| of each channel becomes qmax; zero point 0."""
    qmax = 2 ** (bits - 1) - 1  # 127 for int8, 7 for int4
    others = [d for d in range(w.dim()) if d != axis]  # reduce over all but axis
    scale = w.abs().amax(dim=others) / qmax
    return scale, torch.zeros_like(scale, dtype=torch.int32), -qmax, qmax


def asymmetric_params(w, axis, bits):
    """min-max: [min(w, 0), max(w, 0)] of each channel becomes [0, 2**bits - 1]."""
    qmin, qmax = 0, 2**bits - 1  # 0..255 for uint8, 0..15 for uint4
    others = [d for d in range(w.dim()) if d != axis]
    lo = w.amin(dim=others).clamp(max=0)  # the range always holds 0.0 exactly
    hi = w.amax(dim=others).clamp(min=0)
    scale = (hi - lo) / (qmax - qmin)
    zero_point = qmin - torch.round(lo / scale)  # the integer that means 0.0
    return scale, zero_point.to(torch.int32), qmin, qmax


def group_quant(w, group, bits, params=asymmetric_params):
    """Each row of w (out, in) cut into groups of `group` weights, one scale each."""
    rows, cols = w.shape
    wg = w.reshape(rows * cols // group, group)  # one group per row of wg
    scale, zero_point, qmin, qmax = params(wg, 0, bits)
    return fake_quant(wg, scale, zero_point, 0, qmin, qmax)[0].reshape(rows, cols)


# --- end of quantization from scratch


def nf4_quant(w, group):
    """NF4: each group divided by its absmax, then the nearest of 16 levels (nf4.py)."""
    pos = torch.special.ndtri(torch.linspace(0.9677083, 0.5, 9)[:-1].double())  # 8 > 0
    neg = -torch.special.ndtri(torch.linspace(0.9677083, 0.5, 8)[:-1].double())  # 7 < 0
    levels = torch.cat([neg, torch.zeros(1, dtype=torch.float64), pos]).float().sort()
    levels = levels.values / levels.values.max()
    published = torch.tensor([-0.6961928, -0.0910500, 0.0795803, 0.7229568])  # nf4.py
    assert torch.allclose(levels[[1, 6, 8, 14]], published, atol=1e-6), levels
    rows, cols = w.shape
    wg = w.reshape(-1, group)
    absmax = wg.abs().amax(dim=1, keepdim=True)
    idx = (wg / absmax).unsqueeze(-1).sub(levels).abs().argmin(-1)
    return (levels[idx] * absmax).reshape(rows, cols)


# the validation names of the GPT page: names.txt split 90/10 with the same seed
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
val = [words[i] for i in order[: len(words) // 10]]
X = torch.zeros(len(val), 16, dtype=torch.long)
Y = torch.full((len(val), 16), -100)
for row, name in enumerate(val):
    ids = [chars.index(c) for c in name]
    X[row, 1 : len(ids) + 1] = torch.tensor(ids)
    Y[row, : len(ids) + 1] = torch.tensor(ids + [0])

model = GPT()
model.load_state_dict(load_file("names_gpt.safetensors"))  # from the GPT page
model.eval()
linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
n_q = sum(m.weight.numel() for m in linears)  # the weights we quantize
n_all = sum(p.numel() for p in model.parameters())  # the rest stays float32


lengths = (Y != -100).sum(dim=1)  # targets per name: its letters and the final '.'
batches = lengths.argsort().split(250)  # similar lengths together: shorter inputs


@torch.no_grad()
def val_loss(quant):
    """Mean cross-entropy on the validation names, with quantized nn.Linear weights."""
    q = copy.deepcopy(model)
    for m in q.modules():
        if isinstance(m, nn.Linear):
            m.weight.copy_(quant(m.weight))
    total = 0.0
    for rows in batches:  # a causal model: cutting the padding changes nothing
        width = int(lengths[rows].max())
        z = q(X[rows, :width])
        total += F.cross_entropy(z.reshape(-1, 27), Y[rows, :width].reshape(-1),
                                 reduction="sum").item()
    return total / lengths.sum().item()


def per_channel(bits, params):  # one scale (and zero point) per output row
    def quant(w):
        scale, zero_point, qmin, qmax = params(w, 0, bits)
        return fake_quant(w, scale, zero_point, 0, qmin, qmax)[0]

    return quant


def per_tensor(bits, params):  # one scale for the whole matrix
    return lambda w: per_channel(bits, params)(w.reshape(1, -1)).reshape(w.shape)


S, A = symmetric_params, asymmetric_params
variants = [  # name, quantize, bits per code, weights per scale, side bytes per scale
    ("float32 (trained)", lambda w: w, 32, None, 0),
    ("int8 per channel, symmetric", per_channel(8, S), 8, "row", 2),
    ("int4 per tensor, asymmetric", per_tensor(4, A), 4, "matrix", 3),
    ("int4 per channel, asymmetric", per_channel(4, A), 4, "row", 3),
    ("int4 groups of 16, asymmetric", lambda w: group_quant(w, 16, 4, A), 4, 16, 3),
    ("int4 groups of 16, symmetric", lambda w: group_quant(w, 16, 4, S), 4, 16, 2),
    ("NF4 groups of 16", lambda w: nf4_quant(w, 16), 4, 16, 2),
]
rest = 4 * (n_all - n_q)  # float32 bytes of embeddings, biases, layer norms
print(f"{n_q} of the {n_all} parameters are nn.Linear weights: those are quantized;")
print("scale float16 (2 bytes), zero point uint8 (1 byte); the rest stays float32")
print(f"{'weights':30} {'bits/weight':>11} {'bytes':>7} {'validation loss':>16}")
results = {}
for name, quant, bits, per, side in variants:
    n_scales = sum(
        {None: 0, "row": w.shape[0], "matrix": 1}.get(per, w.numel() // 16)
        for w in (m.weight for m in linears)
    )
    size = n_q * bits / 8 + n_scales * side  # bytes of the Linear weights
    results[name] = val_loss(quant)
    print(f"{name:30} {8 * size / n_q:11.2f} {size + rest:7.0f} {results[name]:16.4f}")

# the plot: the loss added by quantization, against bits, for three granularities
bit_range = [2, 3, 4, 6]
granularity = {
    "per tensor": lambda b: per_tensor(b, A),
    "per channel": lambda b: per_channel(b, A),
    "groups of 16": lambda b: lambda w: group_quant(w, 16, b, A),
}
fp32 = results["float32 (trained)"]
fig, ax = plt.subplots(figsize=(7, 4))
for label, make in granularity.items():
    known = results.get(f"int4 {label}, asymmetric")  # 4 bits: already in the table
    added = [(known if b == 4 else val_loss(make(b))) - fp32 for b in bit_range]
    ax.plot(bit_range, added, "o-", label=f"{label}, asymmetric")
    print(f"{label:12}: loss added at {bit_range} bits:", [f"{a:.4f}" for a in added])
ax.set_yscale("log")
ax.set_xlabel("bits per weight (the codes only)")
ax.set_ylabel("validation loss - float32 loss (nats)")
ax.set_title("The names GPT quantized: loss added, by bits and granularity")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
