import torch
import torch.nn.functional as F
from transformers import GPT2Config, GPT2LMHeadModel


# --- perplexity from scratch
def perplexity(logits, labels, ignore_index=-100):
    """logits (B, T, V) at every position, labels (B, T): the logits at position i
    score token i + 1, so the first token is never scored; -100 is left out."""
    logp = logits[:, :-1].log_softmax(dim=-1)          # (B, T-1, V) predictions
    targets = labels[:, 1:]                            # (B, T-1) what came next
    keep = targets != ignore_index                     # not padding
    picked = logp.gather(-1, targets.clamp(min=0)[..., None])[..., 0]  # (B, T-1)
    return torch.exp(-picked[keep].mean())             # exp of the mean NLL
# --- end of perplexity from scratch


# A small GPT-2 with random weights (no download): Hugging Face computes the
# shifted loss itself when given labels, and perplexity is exp(loss).
torch.manual_seed(0)
config = GPT2Config(vocab_size=27, n_positions=16, n_embd=32, n_layer=2, n_head=2,
                    bos_token_id=0, eos_token_id=0)
model = GPT2LMHeadModel(config).eval()
model.loss_type = "ForCausalLM"              # its causal-LM loss (the default), by name
g = torch.Generator().manual_seed(0)
ids = torch.randint(1, 27, (3, 12), generator=g)       # (B, T): 3 sequences of 12
labels = ids.clone()
labels[1, 7:] = -100                                   # padding: sequence 1 has 7
labels[2, 4:] = -100                                   # and sequence 2 has 4 tokens
with torch.no_grad():
    out = model(ids, labels=labels)
mine = perplexity(out.logits, labels)
torch.testing.assert_close(mine, torch.exp(out.loss))
flat = F.cross_entropy(out.logits[:, :-1].reshape(-1, 27), labels[:, 1:].reshape(-1))
torch.testing.assert_close(mine, torch.exp(flat))
print(f"perplexity {mine.item():.4f} == exp(GPT2LMHeadModel(ids, labels=labels).loss)"
      " == exp(F.cross_entropy) of the shifted tokens")
scored = int((labels[:, 1:] != -100).sum())
print(f"tokens: {int((labels != -100).sum())}, scored: {scored}"
      " (the first of each sequence is not)")

# More cases: sharper logits, and a uniform model, whose perplexity is V.
logits = out.logits * 4
torch.testing.assert_close(perplexity(logits, labels),
                           torch.exp(F.cross_entropy(logits[:, :-1].transpose(1, 2),
                                                     labels[:, 1:])))
uniform = torch.zeros(3, 12, 27)                       # equal logits
torch.testing.assert_close(perplexity(uniform, labels), torch.tensor(27.0))
print("sharper logits: equal too; the uniform model's perplexity is V = 27")
