import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from matplotlib.patches import FancyBboxPatch

torch.manual_seed(0)
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


# One name through the model (untrained weights: only the shapes matter here), with
# a hook on every part that records the shape of what it returns.
model = GPT()
shapes = {}


def record(name):
    def hook(module, inputs, output):  # returns None: the output is left as it is
        shapes.setdefault(name, tuple(output.shape))

    return hook


for name, module in model.named_modules():
    if name:
        module.register_forward_hook(record(name))
ids = torch.tensor([[chars.index(c) for c in ".emma"]])  # (B, T) = (1, 5)
logits = model(ids)
count = lambda *names: sum(  # parameters of the named parts
    p.numel() for n in names for p in model.get_submodule(n).parameters()
)
d, H = model.tok.embedding_dim, model.blocks[0].H
rows = [  # (what, its page, output shape, parameters)
    ("'.emma' as ids", "tokenizer", tuple(ids.shape), 0),
    ("token + position embedding", "embedding", shapes["tok"], count("tok", "pos")),
    (f"layer norm, attention: {H} heads of {d // H}", "attention",
     shapes["blocks.0.proj"], count("blocks.0.ln1", "blocks.0.qkv", "blocks.0.proj")),
    (f"layer norm, feed-forward {d}-{4 * d}-{d}", "feed-forward",
     shapes["blocks.0.mlp"], count("blocks.0.ln2", "blocks.0.mlp")),
    ("final layer norm, linear to 27", "logits", shapes["head"], count("ln_f", "head")),
]
print(f"{'part':40} {'output shape':>14} {'parameters':>11}")
for what, _, shape, n in rows:
    print(f"{what:40} {str(shape):>14} {n:11,}")
print(f"(the two middle rows once per block, {len(model.blocks)} blocks) "
      f"total {sum(p.numel() for p in model.parameters()):,}")
assert shapes["head"] == tuple(logits.shape) == (1, 5, 27)

# The diagram: data flows up, the residual stream is the vertical line on the left.
fig, ax = plt.subplots(figsize=(4.8, 6.4), layout="constrained")
ax.set(xlim=(0, 10), ylim=(-0.6, 10.6))
ax.axis("off")
ys = [0, 2, 4.1, 6.1, 8.3]
for (what, page, shape, n), y, c in zip(rows, ys, ["C7", "C0", "C1", "C2", "C3"]):
    box = FancyBboxPatch((1.3, y - 0.55), 8.4, 1.1, boxstyle="round,pad=0.05",
                         facecolor=c, alpha=0.18, edgecolor=c, linewidth=1.5)
    box.set_url(f"terms/{page}.md")  # in the SVG, a link: on the site, a click opens it
    ax.add_patch(box)
    ax.text(1.6, y + 0.18, what, fontsize=10, va="center")
    ax.text(1.6, y - 0.27, f"out {shape}, {n:,} parameters" if n else f"out {shape}",
            fontsize=9, va="center", color="0.35")
for y0, y1 in zip(ys, ys[1:]):
    ax.annotate("", (5.5, y1 - 0.62), (5.5, y0 + 0.62),
                arrowprops=dict(arrowstyle="->", color="0.3"))
ax.plot([0.7, 0.7], [2.6, 7.35], color="0.3", linewidth=2)  # the residual stream
ax.plot([0.7, 5.5], [7.35, 7.35], color="0.3", linewidth=2)
for y in (4.1, 6.1):  # each part reads the stream and adds its output back to it
    ax.annotate("", (0.85, y), (1.3, y), arrowprops=dict(arrowstyle="->", color="0.3"))
    ax.text(0.7, y, "+", fontsize=12, ha="center", va="center",
            bbox=dict(boxstyle="circle,pad=0.1", facecolor="none", edgecolor="0.3"))
ax.text(0.9, 2.95, "residual stream", fontsize=9, color="0.35")
ax.add_patch(FancyBboxPatch((0.25, 3.3), 9.6, 3.6, boxstyle="round,pad=0.1",
                            facecolor="none", edgecolor="0.5", linestyle="--"))
ax.text(9.8, 7.2, f"block, x {len(model.blocks)}", fontsize=10, ha="right")
ax.text(5.5, 9.6, "next-letter probabilities: softmax of the logits",
        fontsize=9.5, ha="center")
ax.annotate("", (5.5, 9.35), (5.5, 8.9), arrowprops=dict(arrowstyle="->", color="0.3"))
ax.set_title("The names GPT, one name through it (data flows up)", fontsize=10.5)
plt.show()
