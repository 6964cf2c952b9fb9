# needs: names_sft, names_dpo
import warnings
from collections import defaultdict
from types import SimpleNamespace

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file
from transformers import AutoTokenizer, LlamaForCausalLM
from transformers.utils import logging
from trl.trainer.dpo_trainer import DataCollatorForPreference, DPOTrainer
from trl.trainer.utils import add_fused_lm_head

torch.set_num_threads(1)
logging.disable_progress_bar()  # no "Loading weights" bar
warnings.filterwarnings(
    "ignore", category=FutureWarning
)  # a rename inside transformers


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


# The chat format's ids, as train.py's encode_chat (checked below against names_sft's
# chat template, the ids TRL would get from the tokenizer).
VOCAB = list(".abcdefghijklmnopqrstuvwxyz") + [
    " ",
    "<|user|>",
    "<|assistant|>",
    "<|end|>",
]
USER, ASSISTANT, END = 28, 29, 30


def encode_chat(request, answer=None):
    ids = [0, USER] + [VOCAB.index(c) for c in request] + [END, ASSISTANT]
    if answer is not None:
        ids += [VOCAB.index(c) for c in answer] + [END]
    return ids


def hf_name(name):
    """layers.0.q_proj.weight -> model.layers.0.self_attn.q_proj.weight, and so on."""
    if name.startswith("lm_head"):
        return name
    for module, parts in [("self_attn", "qkvo"), ("mlp", ("gate", "up", "down"))]:
        for part in parts:
            name = name.replace(f".{part}_proj", f".{module}.{part}_proj")
    return "model." + name


def load(folder):
    model = Llama(V=len(VOCAB))
    weights = load_file(f"{folder}/model.safetensors")
    model.load_state_dict({k: weights[hf_name(k)] for k in model.state_dict()})
    return model


# --- the DPO loss ---------------------------------------------------------------------
def answer_logps(model, requests, answers):
    """log pi(y | x) of each pair's answer: the log-probabilities of the answer's tokens
    and its '<|end|>' summed, the prompt's masked out. One number per pair, (B,)."""
    seqs = [encode_chat(r, a) for r, a in zip(requests, answers)]
    ids = torch.zeros(len(seqs), max(map(len, seqs)), dtype=torch.long)
    on_answer = torch.zeros(ids.shape)  # 1 where a token belongs to the answer
    for row, s in enumerate(seqs):
        ids[row, : len(s)] = torch.tensor(s)
        on_answer[row, s.index(ASSISTANT) + 1 : len(s)] = 1.0
    logp = F.log_softmax(model(ids[:, :-1]), dim=-1)  # (B, T-1, V): predicts ids[:, 1:]
    logp = logp.gather(-1, ids[:, 1:, None]).squeeze(-1)  # (B, T-1)
    return (logp * on_answer[:, 1:]).sum(-1)


def dpo_loss(pi_w, pi_l, ref_w, ref_l, beta):
    """-log sigmoid(beta * margin): the margin is the chosen (w) answer's log-ratio to
    the reference minus the rejected (l) answer's; mean over the pairs."""
    margin = (pi_w - ref_w) - (pi_l - ref_l)
    return -F.logsigmoid(beta * margin).mean()


# --- end of the DPO loss --------------------------------------------------------------

# Pairs (request x, chosen y_w, rejected y_l) of different lengths, one answer empty.
pairs = [
    ("starts with m", "mia", "emma"),
    ("ends with a", "olivia", "oliver"),
    ("five letters", "sofia", "sophie"),
    ("starts with z", "zoe", "z"),
    ("ends with n", "aiden", ""),
    ("three letters", "ava", "isabella"),
]
X, W, L = map(list, zip(*pairs))
mine = {"policy": load("names_dpo"), "ref": load("names_sft")}
theirs = {
    k: LlamaForCausalLM.from_pretrained(f)
    for k, f in [("policy", "names_dpo"), ("ref", "names_sft")]
}

# TRL's batch: its own collator, prompt ids and completion ids (answer + '<|end|>')
examples = [
    {
        "prompt_ids": encode_chat(x),
        "chosen_ids": encode_chat(x, w)[len(encode_chat(x)) :],
        "rejected_ids": encode_chat(x, l)[len(encode_chat(x)) :],
    }
    for x, w, l in pairs
]
batch = DataCollatorForPreference(pad_token_id=0)(examples)
tok = AutoTokenizer.from_pretrained("names_sft")
for x, a in zip(X + X, W + L):
    chat = [{"role": "user", "content": x}, {"role": "assistant", "content": a}]
    assert tok.apply_chat_template(chat)["input_ids"] == encode_chat(x, a)

with torch.no_grad():
    pi_w, pi_l = answer_logps(mine["policy"], X, W), answer_logps(mine["policy"], X, L)
    ref_w, ref_l = answer_logps(mine["ref"], X, W), answer_logps(mine["ref"], X, L)
n_w = torch.tensor([len(e["chosen_ids"]) for e in examples])  # answer tokens
n_l = torch.tensor([len(e["rejected_ids"]) for e in examples])
delta = (pi_w - ref_w) - (pi_l - ref_l)
other = {  # TRL's other loss types, written from their papers
    "hinge": lambda beta: torch.relu(1 - beta * delta).mean(),
    "ipo": lambda beta: (
        (((pi_w - ref_w) / n_w - (pi_l - ref_l) / n_l) - 1 / (2 * beta)).pow(2).mean()
    ),
}


def trl_loss(loss_type, beta):
    """DPOTrainer._compute_loss itself, on a stand-in for the trainer (the attributes
    it reads); the models get TRL's fused head, as DPOTrainer.__init__ does."""
    acc = SimpleNamespace(
        device="cpu", gather=lambda t: t, gather_for_metrics=lambda t: t
    )
    trainer = SimpleNamespace(
        model=theirs["policy"],
        ref_model=theirs["ref"],
        accelerator=acc,
        beta=beta,
        loss_types=[loss_type],
        loss_weights=[1.0],
        f_divergence_type="reverse_kl",
        ld_alpha=None,
        precompute_ref_logps=False,
        aux_loss_enabled=False,
        use_weighting=False,
        label_smoothing=0.0,
        args=SimpleNamespace(gradient_checkpointing_kwargs=None),
        _metrics={"train": defaultdict(list), "eval": defaultdict(list)},
        _total_train_tokens=0,
        _tp_size=1,
    )
    with torch.no_grad():
        loss = DPOTrainer._compute_loss(trainer, theirs["policy"], batch, False)
    return loss, {k: v[0] for k, v in trainer._metrics["eval"].items()}


for k in ("policy", "ref"):
    theirs[k].eval()
    add_fused_lm_head(
        theirs[k], outputs=("log_probs", "entropy", "mean_logits", "is_top1")
    )
print(f"{'loss type':9} {'beta':>5} {'mine':>9} {'TRL':>9}")
for loss_type in ("sigmoid", "hinge", "ipo"):
    for beta in (0.1, 0.5, 2.0):
        ours = (
            dpo_loss(pi_w, pi_l, ref_w, ref_l, beta)
            if loss_type == "sigmoid"
            else other[loss_type](beta)
        )
        loss, logged = trl_loss(loss_type, beta)
        torch.testing.assert_close(ours, loss, rtol=1e-4, atol=1e-5)
        print(f"{loss_type:9} {beta:5} {ours.item():9.5f} {loss.item():9.5f}")
# What TRL logs: the policy's log-probabilities and the implicit rewards, means
_, logged = trl_loss("sigmoid", 0.1)
for name, value in [
    ("logps/chosen", pi_w.mean()),
    ("logps/rejected", pi_l.mean()),
    ("rewards/chosen", 0.1 * (pi_w - ref_w).mean()),
    ("rewards/rejected", 0.1 * (pi_l - ref_l).mean()),
]:
    torch.testing.assert_close(value.item(), logged[name], rtol=1e-4, atol=1e-5)
    print(f"{name:16} mine {value.item():9.4f}   TRL {logged[name]:9.4f}")
