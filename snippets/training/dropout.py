import torch
import torch.nn as nn
import torch.nn.functional as F
from transformers import GPT2Config, LlamaConfig

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

# Inverted dropout: in train() the kept units are multiplied by 1 / (1 - p), so the
# expected value is unchanged and eval() needs no rescaling.
drop = nn.Dropout(p=0.5).train()
print("nn.Dropout(0.5) on ones, train():", drop(torch.ones(10)).tolist())
print(f"mean over a million ones: {drop(torch.ones(1_000_000)).mean().item():.4f}")

# GPT-2 trained with dropout 0.1; Llama's configuration has none.
print("GPT2Config dropouts:", GPT2Config().resid_pdrop, GPT2Config().attn_pdrop,
      "| LlamaConfig attention_dropout:", LlamaConfig().attention_dropout)
