import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)

# The chat of the chat-template page as ids,
# '.<|user|>starts with m<|end|><|assistant|>mia<|end|>': its prompt is the first 17.
# Cut to at most 16 tokens, no answer token is left.
ids = torch.tensor([[0, 28, 19, 20, 1, 18, 20, 19, 27, 23, 9, 20, 8, 27, 13, 30, 29, 13,
                     9, 1, 30]])
labels = ids.clone()
labels[:, :17] = -100  # the prompt: no loss
ids, labels = ids[:, :16], labels[:, :16]  # truncation to a maximum length of 16
print("labels after truncation:", labels[0, :4].tolist(), "...",
      f"({(labels != -100).sum().item()} tokens left to learn)")

# A stand-in model: embedding and output layer over the 31 chat tokens.
model = nn.Sequential(nn.Embedding(31, 8), nn.Linear(8, 31))
logits = model(ids)
z, y = logits[:, :-1].reshape(-1, 31), labels[:, 1:].reshape(-1)

# 1. PyTorch's mean over zero tokens: the loss is nan, its gradient is zero.
loss = F.cross_entropy(z, y)  # ignore_index=-100, reduction="mean": the defaults
loss.backward(retain_graph=True)
grad = model[1].weight.grad
print(f"F.cross_entropy: {loss.item()}, gradient all zero: {bool((grad == 0).all())}, "
      f"reduction='sum': {F.cross_entropy(z, y, reduction='sum').item()}")

# 2. The same mean by hand, log-probabilities times a 0/1 mask, sum / count (as in
# masked_loss and many trainers): nan in the loss AND in every gradient.
model.zero_grad()
keep = y != -100
nll = -z.log_softmax(-1).gather(-1, y.clamp(min=0)[:, None])[:, 0]  # (T-1,)
by_hand = (nll * keep).sum() / keep.sum()
by_hand.backward()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
norm = nn.utils.clip_grad_norm_(model.parameters(), 1.0)  # does not stop a nan
opt.step()
grad = model[1].weight.grad
print(f"sum / count: {by_hand.item()}, gradient nan: {bool(grad.isnan().all())}, "
      f"clip_grad_norm_ returned {norm.item()}, weights nan after one AdamW step: "
      f"{bool(model[1].weight.isnan().all())}")

# 3. The guard: divide by at least 1 (or skip a batch with nothing to learn).
guarded = (nll * keep).sum() / keep.sum().clamp(min=1)
print(f"sum / count.clamp(min=1): {guarded.item()}; skip the step: {keep.sum() == 0}")

# 4. Ignored labels must be -100 (the default ignore_index): nanoGPT's -1 is an error.
try:
    F.cross_entropy(z, torch.where(keep, y, -1))
except IndexError as e:
    print("labels with -1 and the default ignore_index:", type(e).__name__, "-", e)
