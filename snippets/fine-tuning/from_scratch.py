import copy
import math

import torch
import torch.nn as nn


# --- LoRA from scratch
class LoRALinear(nn.Module):
    """A frozen linear layer plus a trainable low-rank update: W + (alpha / r) B A."""

    def __init__(self, base: nn.Linear, r: int = 4, alpha: float = 8.0):
        super().__init__()
        self.base = base.requires_grad_(False)  # frozen
        self.A = nn.Parameter(torch.empty(r, base.in_features))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))  # as PEFT and loralib do
        self.B = nn.Parameter(torch.zeros(base.out_features, r))  # zero: no change yet
        self.scale = alpha / r

    def forward(self, x):
        return self.base(x) + self.scale * (x @ self.A.T) @ self.B.T

    def merged(self) -> nn.Linear:
        """One plain linear layer with the update folded into its weight."""
        out = copy.deepcopy(self.base)
        with torch.no_grad():
            out.weight += self.scale * self.B @ self.A
        return out


# --- end of LoRA from scratch


torch.manual_seed(0)
base = nn.Linear(64, 64)
before = base.weight.detach().clone()
lora = LoRALinear(base, r=4)
x = torch.randn(5, 64)
torch.testing.assert_close(lora(x), base(x))  # B = 0: the model is unchanged
trainable = sum(p.numel() for p in lora.parameters() if p.requires_grad)
print(
    f"at step 0 the adapted layer equals the base layer; trainable {trainable} of "
    f"{trainable + base.weight.numel() + base.bias.numel()} numbers"
)

opt = torch.optim.AdamW([lora.A, lora.B], lr=1e-2)  # train the adapter only
target = torch.randn(5, 64)
for _ in range(50):
    loss = ((lora(x) - target) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
torch.testing.assert_close(lora.merged()(x), lora(x))  # merging changes nothing
print(
    f"after training: loss {loss.item():.4f}; merged layer == adapter layer; "
    f"base weight unchanged: {torch.equal(lora.base.weight, before)}"
)
