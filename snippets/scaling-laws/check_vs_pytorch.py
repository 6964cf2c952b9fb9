import torch
import torch.nn as nn
from torch.utils.flop_counter import FlopCounterMode

# FLOPs of one forward + backward pass through the linear layers, counted by hand,
# against PyTorch's FlopCounterMode, on models where the backward pass does and does
# not need every matmul: frozen layers have no weight gradient, and the first layer
# needs no input gradient unless something below it is trained.


# --- counting matmul FLOPs
def train_flops(model, tokens, input_grad):
    """Forward + backward FLOPs of the nn.Linear layers of a Sequential model."""
    total, grad_flows = 0, input_grad  # does any gradient have to reach this input?
    for m in model:
        if isinstance(m, nn.Linear):
            fwd = 2 * tokens * m.in_features * m.out_features  # a multiply and an add
            passes = 1 + m.weight.requires_grad + grad_flows  # forward, dL/dW, dL/dX
            total += passes * fwd
        grad_flows = grad_flows or any(p.requires_grad for p in m.parameters())
    return total


# --- end of counting matmul FLOPs


def measured(model, x):
    with FlopCounterMode(display=False) as counter:
        model(x).sum().backward()
    return counter.get_total_flops()


torch.manual_seed(0)
V, d = 27, 32
for B, T in [(4, 8), (3, 5)]:
    tok = torch.randint(0, V, (B, T))
    mlp = lambda: nn.Sequential(nn.Embedding(V, d), nn.Linear(d, 4 * d), nn.GELU(),
                                nn.Linear(4 * d, d), nn.Linear(d, V))
    lm = mlp()  # everything trained
    frozen_emb = mlp()
    frozen_emb[0].weight.requires_grad_(False)  # the first Linear needs no dL/dX
    frozen_head = mlp()
    frozen_head[4].requires_grad_(False)  # the output layer: dL/dX but no dL/dW
    frozen_emb_mid = mlp()
    frozen_emb_mid[0].weight.requires_grad_(False)
    frozen_emb_mid[1].requires_grad_(False)  # nothing below layer 3 is trained
    feats = torch.randn(B, T, 10)
    plain = nn.Sequential(nn.Linear(10, 48), nn.ReLU(), nn.Linear(48, 5))
    cases = [("embedding, 3 linear", lm, tok, False),
             ("frozen embedding", frozen_emb, tok, False),
             ("frozen output layer", frozen_head, tok, False),
             ("frozen embedding + layer 1", frozen_emb_mid, tok, False),
             ("float input, no grad", plain, feats, False),
             ("float input with grad", plain, feats.clone().requires_grad_(), True)]
    for name, model, x, input_grad in cases:
        mine, theirs = train_flops(model, B * T, input_grad), measured(model, x)
        assert mine == theirs, (name, mine, theirs)
        print(f"B={B} T={T} {name:27} by hand {mine:9,} == FlopCounterMode"
              f" {theirs:9,}")
