import math

import torch
import torch.nn as nn

# GPT-2 small's widths: 12 layers, 2 sublayers each (attention and MLP) that both
# add into the stream. Here both sublayers are MLPs (d_model -> 4 d_model -> d_model)
# initialised as GPT-2 does: weights N(0, 0.02), biases 0; optionally the projection
# back into the stream with std 0.02 / sqrt(2L), GPT-2's "scaled" initialisation.
L, d_model = 12, 768
x0 = torch.randn(64, d_model, generator=torch.Generator().manual_seed(0))


def stream_rms(scaled):
    torch.manual_seed(0)
    x = x0
    for _ in range(2 * L):
        up, down = nn.Linear(d_model, 4 * d_model), nn.Linear(4 * d_model, d_model)
        nn.init.normal_(up.weight, std=0.02)
        nn.init.normal_(down.weight, std=0.02 / math.sqrt(2 * L) if scaled else 0.02)
        nn.init.zeros_(up.bias)
        nn.init.zeros_(down.bias)
        with torch.no_grad():
            h = nn.functional.layer_norm(x, (d_model,))
            x = x + down(nn.functional.gelu(up(h)))
    return x.pow(2).mean().sqrt().item()


print(f"input stream RMS: {x0.pow(2).mean().sqrt().item():.3f}")
print(f"after {2 * L} residual additions, std 0.02:            {stream_rms(False):.3f}")
print(f"after {2 * L} residual additions, std 0.02 / sqrt(2L): {stream_rms(True):.3f}")
