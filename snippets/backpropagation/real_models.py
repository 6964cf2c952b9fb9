import torch
import torch.nn as nn
from torch.utils.flop_counter import FlopCounterMode

# The backward pass of a linear layer does two matrix products (x_bar = y_bar W and
# W_bar = y_bar^T x) for the forward's one: twice the FLOPs. Counted by PyTorch:
layer = nn.Linear(768, 3072)  # GPT-2 small's first MLP layer
x = torch.randn(64, 768, requires_grad=True)  # 64 tokens
with FlopCounterMode(display=False) as forward:
    out = layer(x)
with FlopCounterMode(display=False) as backward:
    out.sum().backward()
f, b = forward.get_total_flops(), backward.get_total_flops()
print(f"forward {f:.3e} FLOPs, backward {b:.3e} FLOPs: ratio {b / f:.1f}")
print(
    f"per token and weight: forward {f / (64 * 768 * 3072):.0f}, backward "
    f"{b / (64 * 768 * 3072):.0f}, together {(f + b) / (64 * 768 * 3072):.0f}"
)

# Hence about 6 FLOPs per parameter and token to train a model (2 forward, 4
# backward), attention's own products aside.
for model, n_params, tokens in (
    ("GPT-2 small", 124_439_808, None),
    ("Llama 2 7B", 6_738_415_616, 2.0e12),
):
    line = f"{model:11} {n_params:>13,} parameters: {6 * n_params:.2e} FLOPs per token"
    if tokens:
        line += f", x {tokens:.0e} tokens = {6 * n_params * tokens:.1e} FLOPs"
    print(line)
