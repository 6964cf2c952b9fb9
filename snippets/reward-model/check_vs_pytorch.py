import importlib.util
import pathlib

import torch
import torch.nn.functional as F

torch.manual_seed(0)


# --- the Bradley-Terry loss
def bradley_terry_loss(r_chosen, r_rejected, margin=0.0):
    """-log sigmoid(r_chosen - r_rejected - margin), averaged over the pairs, written
    as a softplus so that a large negative difference does not become log(0)."""
    d = r_chosen - r_rejected - margin
    nll = torch.log1p(torch.exp(-d.abs())) - torch.minimum(d, torch.zeros_like(d))
    return nll.mean()


# --- end of the Bradley-Terry loss

def libraries(r_chosen, r_rejected, margin=0.0):
    """The same loss from two PyTorch functions (TRL's formula, read below)."""
    logit = r_chosen - r_rejected - margin
    ones = torch.ones_like(logit)  # "chosen wins" as a label of a binary classifier
    return -F.logsigmoid(logit).mean(), F.binary_cross_entropy_with_logits(logit, ones)


g = torch.Generator().manual_seed(0)
randn = lambda *shape: torch.randn(*shape, generator=g)
cases = {  # name: (r_chosen, r_rejected, margin)
    "8 pairs, rewards ~ N(0, 1), no margin": (randn(8), randn(8), None),
    "8 pairs, rewards ~ N(0, 30)": (30 * randn(8), 30 * randn(8), 0.0),
    "3 pairs, differences -200, 0, 200": (
        torch.tensor([-100.0, 1.5, 100.0]), torch.tensor([100.0, 1.5, -100.0]), 0.0
    ),
    "8 pairs, margins ~ U(0, 3)": (randn(8), randn(8), 3 * torch.rand(8, generator=g)),
    "4 x 2 pairs, margin 1": (randn(4, 2), randn(4, 2), 1.0),
}
for name, (r_c, r_r, m) in cases.items():
    r_c, r_r = r_c.clone().requires_grad_(True), r_r.clone().requires_grad_(True)
    args = (r_c, r_r) if m is None else (r_c, r_r, m)  # None: the default margin
    mine = bradley_terry_loss(*args)
    (grad_c_mine,) = torch.autograd.grad(mine, r_c)
    for theirs in libraries(r_c, r_r, 0.0 if m is None else m):
        (grad_c,) = torch.autograd.grad(theirs, r_c)
        torch.testing.assert_close(mine, theirs)
        torch.testing.assert_close(grad_c_mine, grad_c)
    print(f"{name:37} loss {mine.item():8.4f}   equal, gradients too")

# TRL's RewardTrainer (trl 1.16.0), read from its source: the model it loads, the loss
trl = pathlib.Path(importlib.util.find_spec("trl").origin).parent  # trl is not imported
wanted = ("model = create_model", "loss = -nn.functional.logsigmoid")
for line in (trl / "trainer" / "reward_trainer.py").read_text().splitlines():
    if line.strip().startswith(wanted):
        print("TRL:", line.strip())
