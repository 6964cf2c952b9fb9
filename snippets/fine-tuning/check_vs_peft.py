import copy
import math

import torch
import torch.nn as nn
from peft import LoraConfig, get_peft_model
from peft.utils.constants import TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING


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


class Tiny(nn.Module):  # a small model with two layers to adapt, q and v
    def __init__(self):
        super().__init__()
        self.q, self.v = nn.Linear(64, 48), nn.Linear(48, 40)
        self.out = nn.Linear(40, 5)

    def forward(self, x):
        return self.out(torch.tanh(self.v(torch.tanh(self.q(x)))))


def train(model, steps=3):
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-2)
    for step in range(steps):
        loss = nn.functional.cross_entropy(model(x[step::3]), y[step::3])
        opt.zero_grad()
        loss.backward()
        opt.step()


torch.manual_seed(0)
x, y = torch.randn(30, 64), torch.randint(0, 5, (30,))
for r, alpha in ((4, 8.0), (8, 8.0), (2, 16.0)):
    torch.manual_seed(r)
    base = Tiny()
    mine = copy.deepcopy(base)
    mine.out.requires_grad_(False)  # PEFT freezes all but LoRA; q, v freeze themselves
    mine.q, mine.v = LoRALinear(mine.q, r, alpha), LoRALinear(mine.v, r, alpha)
    config = LoraConfig(r=r, lora_alpha=alpha, target_modules=["q", "v"])
    peft = get_peft_model(copy.deepcopy(base), config)
    theirs = peft.base_model.model  # the Tiny model, its q and v now LoRA layers
    # At step 0: B = 0, the model is unchanged, A drawn from the same distribution.
    for name in ("q", "v"):
        a, b = getattr(mine, name), getattr(theirs, name)
        assert a.scale == b.scaling["default"], f"scale {a.scale}, PEFT's {b.scaling}"
        assert not a.B.any() and not b.lora_B["default"].weight.any()
        bound = 1 / math.sqrt(a.A.shape[1])  # kaiming_uniform(a=sqrt 5): U(-b, b)
        top = a.A.abs().max().item()
        assert 0.9 * bound < top <= bound, f"max |A| {top:.3f}, bound {bound:.3f}"
        ratio = a.A.std() / b.lora_A["default"].weight.std()
        assert 0.8 < ratio < 1.25, f"std of A / std of PEFT's A = {ratio:.3f}"
    # A, on a layer large enough to see its bound: U(-b, b), b = 1/sqrt(d_in).
    big = LoRALinear(nn.Linear(1024, 64), r=64, alpha=16.0).A
    top, bound = big.abs().max().item(), 1 / math.sqrt(1024)
    assert 0.999 * bound < top <= bound, f"max |A| {top:.5f}, bound {bound:.5f}"
    torch.testing.assert_close(mine(x), base(x))
    torch.testing.assert_close(peft(x), base(x))
    # A trained adapter (B not zero), copied into PEFT's layers: the same outputs.
    with torch.no_grad():
        for name in ("q", "v"):
            a, b = getattr(mine, name), getattr(theirs, name)
            a.B.normal_(std=0.1)
            b.lora_A["default"].weight.copy_(a.A)
            b.lora_B["default"].weight.copy_(a.B)
    torch.testing.assert_close(mine(x), peft(x))
    # Three AdamW steps on both: the same adapters, the same frozen base.
    train(mine)
    train(peft)
    for name in ("q", "v"):
        a, b = getattr(mine, name), getattr(theirs, name)
        torch.testing.assert_close(a.A, b.lora_A["default"].weight)
        torch.testing.assert_close(a.B, b.lora_B["default"].weight)
        torch.testing.assert_close(a.base.weight, getattr(base, name).weight)
    torch.testing.assert_close(mine(x), peft(x))
    # Merged: one plain weight, as PEFT's merge_and_unload() makes it.
    merged = peft.merge_and_unload()
    for name in ("q", "v"):
        torch.testing.assert_close(getattr(mine, name).merged().weight,
                                   getattr(merged, name).weight)
    print(f"r = {r}, alpha = {alpha:4}: scale {mine.q.scale} == PEFT's; init, "
          "outputs, 3 AdamW steps and the merged weights == PEFT")

# PEFT's conventions: which modules by default, and the two other options above.
defaults = TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING
print("PEFT's default target_modules: llama", defaults["llama"],
      "| gpt2", defaults["gpt2"])
torch.manual_seed(0)
tiny = lambda **options: get_peft_model(
    Tiny(), LoraConfig(r=16, lora_alpha=32, target_modules=["q"], **options)
).base_model.model
print("use_rslora=True, r 16, alpha 32: scale",
      tiny(use_rslora=True).q.scaling["default"], "= alpha / sqrt(r)")
A = tiny(init_lora_weights="gaussian").q.lora_A["default"].weight
print(f'init_lora_weights="gaussian", r 16: std of A {A.std():.4f}, 1 / r = {1 / 16}')
