import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(10, 64), nn.ReLU(), nn.Dropout(0.5), nn.Linear(64, 5))
x, y = torch.randn(100, 10), torch.randint(0, 5, (100,))

model.train()                        # dropout on: a random half of the units is zeroed
a, b = model(x), model(x)
print("train(): two passes equal?", torch.equal(a, b))
model.eval()                         # dropout off: deterministic
print("eval():  two passes equal?", torch.equal(model(x), model(x)))

with torch.no_grad():
    model.train()
    train_mode = [F.cross_entropy(model(x), y).item() for _ in range(3)]
    model.eval()
    eval_mode = F.cross_entropy(model(x), y).item()
print("loss measured in train() mode, three times:", [round(v, 4) for v in train_mode])
print(f"loss measured in eval() mode: {eval_mode:.4f}")
