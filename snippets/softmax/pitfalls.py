import torch
import torch.nn as nn
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
logits = torch.randn(3, 5, generator=g)        # (B, V): 3 positions, 5 tokens

# dim=0 normalises across the batch: columns sum to 1, rows do not.
wrong, right = F.softmax(logits, dim=0), F.softmax(logits, dim=-1)
print("dim=0 : row sums", [round(s, 3) for s in wrong.sum(-1).tolist()])
print("dim=-1: row sums", [round(s, 3) for s in right.sum(-1).tolist()])

# Module and function: the module only calls the function; it has no parameters.
module = nn.Softmax(dim=-1)
print("nn.Softmax parameters:", list(module.parameters()))
torch.testing.assert_close(module(logits), right)

# softmax(x).log() underflows to -inf where log_softmax stays finite.
z = torch.tensor([0.0, -120.0])
print("softmax(z).log():", F.softmax(z, dim=0).log().tolist())
print("log_softmax(z):  ", F.log_softmax(z, dim=0).tolist())

# Half precision: ask for the float32 result with dtype=.
h = (torch.randn(50257, generator=g) * 4).half()
exact = F.softmax(h.double(), dim=0)
for name, p in (("float16 softmax", F.softmax(h, dim=0)),
                ("dtype=torch.float32", F.softmax(h, dim=0, dtype=torch.float32))):
    err = (p.double() - exact).abs().max().item()
    print(f"{name:20} dtype {str(p.dtype):14} max error {err:.1e}")
