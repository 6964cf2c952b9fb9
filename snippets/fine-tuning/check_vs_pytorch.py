import torch
import torch.nn as nn
import torch.nn.utils.parametrize as parametrize


class LoRA(nn.Module):
    """LoRA as a parametrization: the layer's weight becomes W + (alpha/r) B A."""

    def __init__(self, A, B, scale):
        super().__init__()
        self.A, self.B, self.scale = nn.Parameter(A), nn.Parameter(B), scale

    def forward(self, W):
        return W + self.scale * self.B @ self.A


torch.manual_seed(0)
r, alpha = 4, 8.0
layer = nn.Linear(32, 16)
W0, b0 = layer.weight.detach().clone(), layer.bias.detach().clone()
A, B = torch.randn(r, 32), torch.randn(16, r)  # a trained adapter (non-zero B)
parametrize.register_parametrization(
    layer, "weight", LoRA(A.clone(), B.clone(), alpha / r)
)

x = torch.randn(6, 32)
by_hand = x @ W0.T + b0 + (alpha / r) * (x @ A.T) @ B.T  # base + low-rank path
torch.testing.assert_close(layer(x), by_hand)
torch.testing.assert_close(layer.weight, W0 + (alpha / r) * B @ A)
parametrize.remove_parametrizations(layer, "weight")  # merge: a plain weight again
torch.testing.assert_close(layer(x), by_hand)
print(
    "x W^T + b + (alpha/r) (x A^T) B^T == torch.nn.utils.parametrize LoRA layer,",
    "before and after merging",
)
