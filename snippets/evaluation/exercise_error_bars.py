# needs: names_llama, names-1915.txt
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.set_num_threads(1)

# --- the names Llama (the same code in every snippet that uses it) -------------------
class RMSNorm(nn.Module):
    """x / rms(x) * g, no mean, no bias; in float32, as Hugging Face's LlamaRMSNorm."""

    def __init__(self, d_model, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(d_model))  # the gain g

    def forward(self, x):
        x32 = x.float()
        x32 = x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * x32.to(x.dtype)


def rope(x, base=10000.0):
    """Rotary positions on (B, heads, T, d_k): dimension i pairs with i + d_k/2 (the
    halves of GPT-NeoX and Hugging Face's Llama), rotated by the angle m * omega_i."""
    T, d_k = x.shape[-2:]
    omega = 1.0 / base ** (torch.arange(0, d_k, 2).float() / d_k)  # (d_k/2,)
    angle = torch.arange(T).float()[:, None] * omega  # (T, d_k/2): position m
    cos, sin = angle.cos(), angle.sin()
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)


class LlamaBlock(nn.Module):
    """x + attention(RMSNorm(x)), then x + SwiGLU(RMSNorm(x)); no biases anywhere."""

    def __init__(self, d_model, H, H_kv, d_ff):
        super().__init__()
        self.H, self.H_kv, d_k = H, H_kv, d_model // H
        self.input_layernorm = RMSNorm(d_model)
        self.q_proj = nn.Linear(d_model, H * d_k, bias=False)
        self.k_proj = nn.Linear(d_model, H_kv * d_k, bias=False)  # fewer K, V heads
        self.v_proj = nn.Linear(d_model, H_kv * d_k, bias=False)
        self.o_proj = nn.Linear(H * d_k, d_model, bias=False)
        self.post_attention_layernorm = RMSNorm(d_model)
        self.gate_proj = nn.Linear(d_model, d_ff, bias=False)  # SwiGLU: three matrices
        self.up_proj = nn.Linear(d_model, d_ff, bias=False)
        self.down_proj = nn.Linear(d_ff, d_model, bias=False)

    def forward(self, x):  # (B, T, d_model)
        B, T, d_model = x.shape
        heads = lambda t: t.view(B, T, -1, d_model // self.H).transpose(1, 2)
        h = self.input_layernorm(x)
        q = rope(heads(self.q_proj(h)))  # (B, H, T, d_k)
        k = rope(heads(self.k_proj(h)))  # (B, H_kv, T, d_k)
        v = heads(self.v_proj(h))
        g = self.H // self.H_kv  # query heads per key-value head
        k, v = k.repeat_interleave(g, dim=1), v.repeat_interleave(g, dim=1)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.o_proj(a.transpose(1, 2).reshape(B, T, d_model))
        h = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(h)) * self.up_proj(h))


class Llama(nn.Module):
    def __init__(self, V=27, d_model=48, H=4, H_kv=2, d_ff=150, L=2):
        super().__init__()
        self.embed_tokens = nn.Embedding(V, d_model)  # no position embedding: RoPE
        blocks = [LlamaBlock(d_model, H, H_kv, d_ff) for _ in range(L)]
        self.layers = nn.Sequential(*blocks)
        self.norm = RMSNorm(d_model)
        self.lm_head = nn.Linear(d_model, V, bias=False)  # untied output layer

    def forward(self, idx):  # (B, T) ids -> logits
        return self.lm_head(self.norm(self.layers(self.embed_tokens(idx))))  # (B, T, V)


# --- end of the names Llama -----------------------------------------------------------


def hf_name(name):
    """layers.0.q_proj.weight -> model.layers.0.self_attn.q_proj.weight, and so on."""
    if name.startswith("lm_head"):
        return name
    for module, parts in [("self_attn", "qkvo"), ("mlp", ("gate", "up", "down"))]:
        for part in parts:
            name = name.replace(f".{part}_proj", f".{module}.{part}_proj")
    return "model." + name


model = Llama()  # the names Llama: trained on names.txt (2015), never on 1915
weights = load_file("names_llama/model.safetensors")
model.load_state_dict({k: weights[hf_name(k)] for k in model.state_dict()})
model.eval()

chars = ".abcdefghijklmnopqrstuvwxyz"


# --- the option scores -------------------------------------------------------------
def log_likelihoods(model, names):
    """ln p(name + '.' | '.') for each name: the log-probabilities of its letters and of
    the end mark, summed; and its length in characters (here also in bytes)."""
    X = torch.zeros(len(names), 17, dtype=torch.long)  # '.name.', padded with '.'
    keep = torch.zeros(len(names), 16, dtype=torch.bool)  # the targets to score
    for row, name in enumerate(names):
        X[row, 1 : len(name) + 1] = torch.tensor([chars.index(c) for c in name])
        keep[row, : len(name) + 1] = True  # its letters and the end mark
    logp = F.log_softmax(model(X[:, :-1]), dim=-1)  # (B, 16, V): i predicts i + 1
    picked = logp.gather(-1, X[:, 1:, None])[..., 0]  # (B, 16)
    total = torch.where(keep, picked, 0.0).sum(dim=1)  # (B,)
    return total, torch.tensor([float(len(n)) for n in names])


def choose(total, length):
    """The option picked by the summed log-likelihood (lm-evaluation-harness's acc)
    and by the log-likelihood per character (its acc_norm); inputs (questions, 4)."""
    return total.argmax(dim=1), (total / length).argmax(dim=1)


# --- end of the option scores ------------------------------------------------------

# The page's 300 questions, drawn the same way.
names_2015 = set(open("names.txt").read().split())
new_1915 = [w for w in open("names-1915.txt").read().split() if w not in names_2015]
g = torch.Generator().manual_seed(0)
Q = 300
options, answer = [], []
for q in range(Q):
    picks = torch.randperm(len(new_1915), generator=g)[:4].tolist()
    real, *others = [new_1915[i] for i in picks]
    fakes = [
        "".join(w[i] for i in torch.randperm(len(w), generator=g).tolist())
        for w in others
    ]
    slot = int(torch.randint(0, 4, (1,), generator=g))
    options.append(fakes[:slot] + [real] + fakes[slot:])
    answer.append(slot)
with torch.no_grad():
    total, length = log_likelihoods(model, [o for opts in options for o in opts])
by_sum, by_char = choose(total.view(Q, 4), length.view(Q, 4))
right_sum = (by_sum == torch.tensor(answer)).double()  # (Q,): 1 where acc is right
right_char = (by_char == torch.tensor(answer)).double()  # the same for acc_norm

# By hand: each question is right with probability p, independently: the mean of Q
# of them scatters with the standard error sqrt(p (1 - p) / Q).
p = right_char.mean().item()
se = (p * (1 - p) / Q) ** 0.5
# Bootstrap: draw 300 of the questions with replacement, 2000 times.
rows = torch.randint(0, Q, (2000, Q), generator=torch.Generator().manual_seed(1))
boot = right_char[rows].mean(dim=1)
diff = (right_char - right_sum)[rows].mean(dim=1)  # acc_norm - acc, same questions
low, high = diff.quantile(0.025).item(), diff.quantile(0.975).item()
print(f"acc_norm {p:.3f}: standard error by hand {se:.4f}, bootstrap {boot.std():.4f}")
print(f"acc_norm - acc {(right_char - right_sum).mean():.3f}, 95% of the bootstrap "
      f"between {low:.3f} and {high:.3f}")
need = p * (1 - p) / 0.01**2
print(f"questions for a standard error of 0.01 at this accuracy: {need:.0f}, "
      f"{need / Q:.1f} times {Q}")
assert abs(boot.std().item() / se - 1) < 0.1
assert low > 0  # the gap is far larger than the noise of 300 questions
assert round(need / Q) == 6  # one point of standard error: about six times as many
