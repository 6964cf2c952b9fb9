import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

# The data flow of a decoder-only transformer, drawn from this list: (label, x, y).
boxes = {
    "tok": ("token embedding + position embedding", 0.5, 0.3),
    "ln1": ("LayerNorm", 0.5, 1.5),
    "attn": ("causal multi-head attention", 0.5, 2.4),
    "add1": ("+", 0.5, 3.3),
    "ln2": ("LayerNorm", 0.5, 4.2),
    "mlp": ("feed-forward (MLP)", 0.5, 5.1),
    "add2": ("+", 0.5, 6.0),
    "lnf": ("final LayerNorm", 0.5, 7.2),
    "head": ("linear layer -> logits over the vocabulary", 0.5, 8.1),
}
flow = ["tok", "ln1", "attn", "add1", "ln2", "mlp", "add2", "lnf", "head"]

fig, ax = plt.subplots(figsize=(6.5, 8))
for key, (label, x, y) in boxes.items():
    small = label == "+"
    w = 0.09 if small else 0.76
    # white text on a mid-blue box reads the same on a light and on a dark page
    ax.add_patch(FancyBboxPatch((x - w / 2, y - 0.22), w, 0.44,
                                boxstyle="round,pad=0.02", facecolor="#2c5d8f",
                                edgecolor="#2c5d8f", linewidth=1.2))
    ax.text(x, y, label, ha="center", va="center", fontsize=12 if small else 10,
            color="white")
for a, b in zip(flow, flow[1:]):
    ax.add_patch(FancyArrowPatch((0.5, boxes[a][2] + 0.24), (0.5, boxes[b][2] - 0.24),
                                 arrowstyle="-|>", mutation_scale=12, color="#333333"))
# The residual stream: the input of each sublayer skips around it to the "+".
for start, end in (("tok", "add1"), ("add1", "add2")):
    y0, y1 = boxes[start][2] + 0.25, boxes[end][2]
    ax.add_patch(FancyArrowPatch((0.5, y0 + 0.2), (0.95, y0 + 0.2), arrowstyle="-",
                                 color="tab:orange", linewidth=2))
    ax.add_patch(FancyArrowPatch((0.95, y0 + 0.2), (0.95, y1), arrowstyle="-",
                                 color="tab:orange", linewidth=2))
    ax.add_patch(FancyArrowPatch((0.95, y1), (0.56, y1), arrowstyle="-|>",
                                 mutation_scale=12, color="tab:orange", linewidth=2))
ax.text(1.0, 3.0, "residual\nstream", color="tab:orange", fontsize=10, va="center")
ax.add_patch(FancyBboxPatch((0.06, 0.95), 1.2, 5.45, boxstyle="round,pad=0.02",
                            fill=False, linestyle="--", edgecolor="#777777"))
ax.text(0.09, 1.05, "x L blocks", fontsize=9, color="#555555")
ax.set_xlim(0, 1.35)
ax.set_ylim(-0.3, 8.6)
ax.axis("off")
ax.set_title("A decoder-only transformer (pre-LN, as GPT-2 and Llama)")
plt.show()
