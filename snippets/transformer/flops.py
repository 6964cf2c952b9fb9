import torch
import torch.nn as nn
from torch.utils.flop_counter import FlopCounterMode

# What a forward pass costs per token, counted by PyTorch's FLOP counter: a weight
# matrix costs 2 operations per weight (a multiply and an add); looking a token up
# in an embedding table costs none.
torch.manual_seed(0)
V, d_model, T = 1000, 64, 16
ids = torch.randint(0, V, (1, T))
parts = {
    "embedding table (lookup)": (nn.Embedding(V, d_model), ids),
    "MLP matrix d_model x 4 d_model": (nn.Linear(d_model, 4 * d_model, bias=False),
                                       torch.randn(1, T, d_model)),
    "output layer d_model x V": (nn.Linear(d_model, V, bias=False),
                                 torch.randn(1, T, d_model)),
}
for name, (module, inp) in parts.items():
    with FlopCounterMode(display=False) as counter:
        module(inp)
    n = sum(p.numel() for p in module.parameters())
    print(f"{name:31} {n:>7,} weights: {counter.get_total_flops() / T:>9,.0f} "
          "FLOPs per token")

# The real models: 2 x (all parameters) overcounts by the tables that are only
# looked up. Kaplan et al.'s C_forward = 2N + 2 L T d_model uses the non-embedding
# N and also leaves out the output layer (2 V d_model), small for large models.
models = {  # name: (all parameters, V, d_model, L, context, tied, learned positions)
    "GPT-2 small": (124_439_808, 50257, 768, 12, 1024, True, True),
    "Llama 2 7B": (6_738_415_616, 32000, 4096, 32, 4096, False, False),
}
print(f"{'GFLOP per token':15} {'2 x all':>8} {'2 x non-emb':>12} {'+ output':>9} "
      f"{'+ attention at full context':>28}")
for name, (N_all, V, d_model, L, ctx, tied, learned) in models.items():
    tables = V * d_model * (1 if tied else 2) + (ctx * d_model if learned else 0)
    N = N_all - tables                              # non-embedding parameters
    out = 2 * N + 2 * V * d_model                   # the output layer multiplies
    attn = 2 * L * ctx * d_model                    # scores and weighted sum
    print(f"{name:15} {2 * N_all / 1e9:8.3f} {2 * N / 1e9:12.3f} {out / 1e9:9.3f} "
          f"{(out + attn) / 1e9:28.3f}")
