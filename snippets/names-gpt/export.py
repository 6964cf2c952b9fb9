# needs: names_gpt.safetensors
import base64
import json
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.set_num_threads(1)
chars = ".abcdefghijklmnopqrstuvwxyz"


# --- the names GPT (the same code on every page that loads it) ------------------------
class Block(nn.Module):
    """Pre-LN block: x + attention(LN(x)), then x + MLP(LN(x))."""

    def __init__(self, d_model, H):
        super().__init__()
        self.H = H
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.mlp = nn.Sequential(
            nn.Linear(d_model, 4 * d_model),
            nn.GELU(approximate="tanh"),
            nn.Linear(4 * d_model, d_model),
        )

    def forward(self, x):  # (B, T, d_model)
        B, T, d_model = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d_model, dim=-1)
        heads = lambda t: t.view(B, T, self.H, d_model // self.H).transpose(1, 2)
        a = F.scaled_dot_product_attention(heads(q), heads(k), heads(v), is_causal=True)
        x = x + self.proj(a.transpose(1, 2).reshape(B, T, d_model))
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, V=27, context=16, d_model=48, H=4, L=2):
        super().__init__()
        self.tok = nn.Embedding(V, d_model)  # token embedding
        self.pos = nn.Embedding(context, d_model)  # learned positions
        self.blocks = nn.Sequential(*[Block(d_model, H) for _ in range(L)])
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, V, bias=False)  # untied output layer

    def forward(self, idx):  # (B, T) ids -> logits
        x = self.tok(idx) + self.pos(torch.arange(idx.shape[1]))
        return self.head(self.ln_f(self.blocks(x)))  # (B, T, V)


# --- end of the names GPT -------------------------------------------------------------


model = GPT()
model.load_state_dict(load_file("names_gpt.safetensors"))  # from the training above
model.eval()
# The browser gets the weights as float16 (half the bytes). The reference values below
# are computed by PyTorch on exactly those weights, widened back to float32.
names = [k for k, _ in model.state_dict().items()]
half = {k: v.half() for k, v in model.state_dict().items()}
full_logits = {}
ids = lambda text: torch.tensor([[chars.index(c) for c in "." + text]])  # (1, T)
starts = "a e em emm isab jo jord mar mari chris x zz q li lia oliv noa soph ave ella"
prefixes = [""] + starts.split() + ["bri"]  # what the browser is checked on
with torch.no_grad():
    for p in prefixes:
        full_logits[p] = model(ids(p))[0, -1]
    model.load_state_dict({k: v.float() for k, v in half.items()})
    gpt_logits = {p: model(ids(p))[0, -1] for p in prefixes}
drift = max((gpt_logits[p] - full_logits[p]).abs().max().item() for p in prefixes)

words = open("names.txt").read().splitlines()
pairs = [
    chars.index(a) * 27 + chars.index(b)
    for w in words
    for a, b in zip("." + w, w + ".")
]
N = torch.bincount(torch.tensor(pairs), minlength=729).view(27, 27)
bigram = lambda text: (N[chars.index(("." + text)[-1])] + 1).float().log()  # smoothed


def filtered(z, tau=1.0, k=None, p=None):
    """Temperature, then top-k, then top-p, as on the sampling page. The sort is stable:
    among equal probabilities the lower id ranks first (so JavaScript can agree)."""
    z = z / tau
    if k is not None:
        kth = torch.topk(z, k, dim=-1).values[..., -1:]
        z = z.masked_fill(z < kth, float("-inf"))
    probs = F.softmax(z, dim=-1)
    if p is not None:
        sorted_p, order = probs.sort(dim=-1, descending=True, stable=True)
        keep = torch.zeros_like(probs, dtype=torch.bool).scatter(
            -1, order, (sorted_p.cumsum(-1) - sorted_p) < p
        )
        probs = torch.where(keep, probs, 0.0)
        probs = probs / probs.sum(-1, keepdim=True)
    return probs


def attention_weights(text):
    """(L, H, T, T): each block's softmax(q k^T / sqrt(d_head)) under the causal mask,
    checked against the block's own scaled_dot_product_attention."""
    x = model.tok(ids(text)) + model.pos(torch.arange(len(text) + 1))
    out = []
    for block in model.blocks:
        B, T, d = x.shape
        heads = lambda t: t.view(B, T, block.H, d // block.H).transpose(1, 2)
        q, k, v = map(heads, block.qkv(block.ln1(x)).split(d, dim=-1))
        s = q @ k.transpose(-2, -1) / math.sqrt(d // block.H)
        w = F.softmax(s.masked_fill(torch.ones(T, T).triu(1).bool(), -math.inf), -1)
        sdpa = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        torch.testing.assert_close(w @ v, sdpa)
        out.append(w[0])
        x = block(x)
    return torch.stack(out)


filters = [(1.0, None, None), (0.5, None, None), (2.0, None, None), (1.0, 5, None),
           (1.0, None, 0.9), (0.7, 10, 0.8), (1.5, 3, None), (1.0, None, 0.5)]
cases = []
with torch.no_grad():
    attn = {t: attention_weights(t) for t in ("isabella", "emma", "jordan")}
    for m in ("gpt", "bigram"):
        for p in ("", "em", "chris"):
            for tau, k, top in filters:
                pr = filtered(gpt_logits[p] if m == "gpt" else bigram(p), tau, k, top)
                kept = pr[pr > 0]
                cases.append(dict(model=m, prefix=p, tau=tau, k=k, p=top,
                                  probs=pr.tolist(),
                                  kept=(pr > 0).nonzero().flatten().tolist(),
                                  entropy_bits=-(kept * kept.log2()).sum().item()))
goldens = {
    "gpt_logits": {p: z.tolist() for p, z in gpt_logits.items()},
    "bigram_logits": {p: bigram(p).tolist() for p in prefixes},
    "attention": {t: a.tolist() for t, a in attn.items()},
    "filtered": cases,
}
blob = b"".join(half[k].numpy().tobytes() for k in names)  # little-endian float16
explorer = {
    "chars": chars,
    "config": {"V": 27, "context": 16, "d_model": 48, "H": 4, "L": 2, "eps": 1e-5},
    "tensors": [[k, list(half[k].shape)] for k in names],
    "weights_f16": base64.b64encode(blob).decode("ascii"),
    "bigram_counts": N.tolist(),
}
# A script, not JSON: every page with an explorer loads this one file (the browser keeps
# it), and a script loads from file:// too, where a JSON fetch would be refused.
with open("names_gpt_explorer.js", "w") as f:
    data = json.dumps(explorer, separators=(",", ":"))
    f.write("Object.assign((window.glossaryExplorerData ??= {}), " + data + ");\n")
json.dump(goldens, open("names_gpt_goldens.json", "w"), separators=(",", ":"))
print(f"{len(names)} tensors, {len(blob):,} bytes of float16 weights for the browser")
print(f"float16 changes the logits of {len(prefixes)} prefixes by at most {drift:.4f}")
print(f"reference values: logits of {len(prefixes)} prefixes, attention on {len(attn)}"
      f" names, {len(cases)} filtered distributions")
