# needs: names_sft
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.manual_seed(0)
torch.set_num_threads(1)  # the same numbers at every run

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


# --- the chat format (the same code in every snippet that uses it) ---------------
chars = ".abcdefghijklmnopqrstuvwxyz"
VOCAB = list(chars) + [" ", "<|user|>", "<|assistant|>", "<|end|>"]  # ids 0 to 30
USER, ASSISTANT, END = 28, 29, 30
NUMBERS = ["three", "four", "five", "six", "seven", "eight"]  # lengths 3 to 8


def request_for(name, kind):
    """A request `name` meets: kind 0 its first letter, 1 its last, 2 its length."""
    if kind == 0:
        return f"starts with {name[0]}"
    if kind == 1:
        return f"ends with {name[-1]}"
    return f"{NUMBERS[len(name) - 3]} letters"


def satisfies(request, answer):
    """The verifier: is the answer a name (letters a-z only) that meets the request?"""
    if not answer or any(c not in chars[1:] for c in answer):
        return False
    first, *_, last = request.split()
    if first == "starts":
        return answer[0] == last
    if first == "ends":
        return answer[-1] == last
    return len(answer) == NUMBERS.index(first) + 3


def encode_chat(request, answer=None):
    """The chat template's ids: '.<|user|>' request '<|end|><|assistant|>', then the
    answer and '<|end|>' when there is one (without: the generation prompt)."""
    ids = [0, USER] + [VOCAB.index(c) for c in request] + [END, ASSISTANT]
    if answer is not None:
        ids += [VOCAB.index(c) for c in answer] + [END]
    return ids


@torch.no_grad()
def reply(model, requests, generator, temperature=1.0, most=16):
    """Sample one answer per request, a token at a time, until '<|end|>' (or `most`
    tokens). Prompts of the same length go through the model together."""
    out = [None] * len(requests)
    by_length = {}
    for i, r in enumerate(requests):
        by_length.setdefault(len(encode_chat(r)), []).append(i)
    for length in sorted(by_length):
        rows = by_length[length]
        x = torch.tensor([encode_chat(requests[i]) for i in rows])
        for _ in range(most):
            probs = F.softmax(model(x)[:, -1] / temperature, dim=-1)
            x = torch.cat([x, torch.multinomial(probs, 1, generator=generator)], 1)
        for i, ids in zip(rows, x[:, length:].tolist()):
            ids = ids[: ids.index(END)] if END in ids else ids
            out[i] = "".join(VOCAB[t] for t in ids)
    return out


# --- end of the chat format ---------------------------------------------------------


def hf_name(name):
    """layers.0.q_proj.weight -> model.layers.0.self_attn.q_proj.weight, and so on."""
    if name.startswith("lm_head"):
        return name
    for module, parts in [("self_attn", "qkvo"), ("mlp", ("gate", "up", "down"))]:
        for part in parts:
            name = name.replace(f".{part}_proj", f".{module}.{part}_proj")
    return "model." + name


# The reference policy pi_ref = names_sft; the policy pi_theta = names_sft with noise
# added to every weight (a stand-in for a policy some RL steps away from it).
ref = Llama(V=len(VOCAB))
ref.load_state_dict(
    {k: load_file("names_sft/model.safetensors")[hf_name(k)] for k in ref.state_dict()}
)
policy = Llama(V=len(VOCAB))
policy.load_state_dict(ref.state_dict())
g = torch.Generator().manual_seed(0)
with torch.no_grad():
    for p in policy.parameters():
        p.add_(0.15 * p.std() * torch.randn(p.shape, generator=g))

requests = [f"starts with {c}" for c in chars[1:]] * 20  # 520 prompts of one length
x = torch.tensor([encode_chat(r) for r in requests])
exact, log_ratio, alive, steps = [], [], torch.ones(len(x), dtype=torch.bool), []
with torch.no_grad():
    for _ in range(12):  # the policy writes the answers, a token at a time
        log_p = F.log_softmax(policy(x)[:, -1], dim=-1)  # log pi_theta(.|s_t), (520, V)
        log_q = F.log_softmax(ref(x)[:, -1], dim=-1)  # log pi_ref(. | s_t)
        a = torch.multinomial(log_p.exp(), 1, generator=g)  # a_t ~ pi_theta
        exact.append((log_p.exp() * (log_p - log_q)).sum(-1))  # over all V tokens
        log_ratio.append((log_p - log_q).gather(1, a).squeeze(1))  # at a_t only
        steps.append(alive.clone())
        alive &= a.squeeze(1) != END  # an answer ends with its '<|end|>'
        x = torch.cat([x, a], dim=1)
exact, log_ratio = torch.stack(exact, 1), torch.stack(log_ratio, 1)  # (520, 12)
steps = torch.stack(steps, 1)  # True where the answer had not ended yet
k1 = log_ratio[steps]  # one sample per visited state s_t
n = len(k1)
print(f"{n} tokens written by pi_theta; per-token KL(pi_theta || pi_ref):")
print(f"  exact, sum over the {len(VOCAB)} tokens:  {exact[steps].mean():.4f}")
print(f"  sampled, mean log-ratio:        {k1.mean():.4f} +- {k1.std() / n**0.5:.4f}")
print(f"  sampled log-ratios below 0: {(k1 < 0).float().mean():.0%} (a KL never is)")
assert abs(exact[steps].mean() - k1.mean()) < 3 * k1.std() / n**0.5

# The KL-penalised reward of three answers, beta = 0.1: -beta * log-ratio at each token,
# plus the answer's reward at its last token (here the verifier's 1 or 0 stands in for
# the reward model r_phi, which from_scratch.py trains but does not save).
beta = 0.1
print(f"beta = {beta}: the reward of each token of three answers")
for row in range(3):
    ids = x[row, len(encode_chat(requests[row])) :][steps[row]].tolist()
    answer = "".join(VOCAB[t] for t in ids if t != END)
    r = float(satisfies(requests[row], answer))
    per_token = -beta * log_ratio[row][steps[row]]
    per_token[-1] += r
    print(f"{requests[row]!r} -> {answer!r}: r = {r:.0f}, sum {per_token.sum():+.3f}")
    print("   per token:", per_token.numpy().round(3))
