import torch
import torch.nn.functional as F

C, s = 5, 0.1                     # classes; label smoothing amount
logits = torch.tensor([[3.0, 1.0, 0.2, -0.5, -1.0]])    # (1, C)
y, pad = 0, 4                     # correct class; class 4 plays the padding token
logp = F.log_softmax(logits, dim=1)[0]


def smoothed_target(off_value: float, zero_pad: bool = False) -> torch.Tensor:
    """off_value on the other classes, the rest of the mass on the right class."""
    t = torch.full((C,), off_value)
    if zero_pad:
        t[pad] = 0.0
    t[y] = 0.0
    t[y] = 1 - t.sum()
    return t


conventions = {
    "PyTorch: s/C on every class": smoothed_target(s / C),
    "s/(C-1) on the wrong classes": smoothed_target(s / (C - 1)),
    "s/(C-2), padding class gets 0": smoothed_target(s / (C - 2), zero_pad=True),
}
for name, target in conventions.items():
    loss = -(target * logp).sum()
    print(f"{name:38} target {[round(v, 4) for v in target.tolist()]}"
          f"  loss {loss.item():.4f}")

pytorch = F.cross_entropy(logits, torch.tensor([y]), label_smoothing=s)
torch.testing.assert_close(pytorch, -(conventions["PyTorch: s/C on every class"]
                                      * logp).sum())
print(f"F.cross_entropy(label_smoothing={s}) = {pytorch.item():.4f}")
print(f"the correct class keeps 1 - s + s/C = {1 - s + s / C:.2f}"
      " under PyTorch's convention")
