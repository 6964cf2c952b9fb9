import torch
import torch.nn as nn
from safetensors.torch import save_file, save_model

torch.manual_seed(0)


def lm(tie):
    m = nn.ModuleDict({"emb": nn.Embedding(27, 8),
                       "head": nn.Linear(8, 27, bias=False)})
    tie(m)
    return m


def share(m):
    m.head.weight = m.emb.weight


def copy(m):  # the bug: a copy of the table, not the table
    m.head.weight = nn.Parameter(m.emb.weight.clone())


for name, tie in (("shared", share), ("copied", copy)):
    m = lm(tie)
    opt = torch.optim.SGD(m.parameters(), lr=0.1)
    x = torch.tensor([1, 2, 3])
    nn.functional.cross_entropy(m.head(m.emb(x)), x).backward()
    opt.step()
    drift = (m.head.weight - m.emb.weight).abs().max().item()
    sd = m.state_dict()
    print(f"{name}: {len(list(m.parameters()))} Parameter(s); after one SGD step"
          f" max |head - emb| = {drift:.4f}; state_dict: {len(sd)} keys,"
          f" {len({t.data_ptr() for t in sd.values()})} distinct tensor(s)")

# Saving a tied model: safetensors refuses shared tensors in save_file; save_model
# keeps one copy and remembers the tie.
m = lm(share)
try:
    save_file(m.state_dict(), "tied.safetensors")
except RuntimeError as e:
    print("save_file:", " ".join(str(e).split())[:100])
save_model(m, "tied.safetensors")
print("save_model wrote it")

# A tie is broken by replacing one of the two Parameters, e.g. when resizing the
# vocabulary by hand; re-tie afterwards.
m.head.weight = nn.Parameter(torch.randn(27, 8))
print("after replacing head.weight, still tied:", m.head.weight is m.emb.weight)
