import math

import torch
import torch.nn.functional as F
from transformers import DynamicCache, LlamaConfig, LlamaForCausalLM

torch.set_num_threads(1)


# --- a Llama with a KV cache from scratch
def rms_norm(x, gain, eps=1e-5):
    return gain * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)


def rope(x, pos, base=10000.0):
    """Rotate x (heads, t, d_k) at positions pos (t,); pairs (i, i + d_k/2)."""
    d_k = x.shape[-1]
    omega = 1.0 / base ** (torch.arange(0, d_k, 2).float() / d_k)
    angle = pos[:, None].float() * omega  # (t, d_k/2)
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([x1 * angle.cos() - x2 * angle.sin(),
                      x1 * angle.sin() + x2 * angle.cos()], dim=-1)


@torch.no_grad()
def forward(w, ids, cache, H, H_kv):
    """The new tokens ids (t,) through the model: their keys and values join each
    layer's cache {"k", "v"} of shape (H_kv, tokens, d_k); returns logits (t, V)."""
    t, start = len(ids), cache[0]["k"].shape[1]  # start: tokens already cached
    pos = torch.arange(start, start + t)  # the new tokens' positions
    x = w["model.embed_tokens.weight"][ids]  # (t, d_model)
    for i, c in enumerate(cache):
        p = lambda name: w[f"model.layers.{i}.{name}.weight"]
        h = rms_norm(x, p("input_layernorm"))
        q = (h @ p("self_attn.q_proj").T).view(t, H, -1).transpose(0, 1)
        k = (h @ p("self_attn.k_proj").T).view(t, H_kv, -1).transpose(0, 1)
        v = (h @ p("self_attn.v_proj").T).view(t, H_kv, -1).transpose(0, 1)
        c["k"] = torch.cat([c["k"], rope(k, pos)], dim=1)  # cached after RoPE
        c["v"] = torch.cat([c["v"], v], dim=1)
        K, V = c["k"], c["v"]  # (H_kv, start + t, d_k)
        g = H // H_kv  # query heads per key-value head
        K, V = K.repeat_interleave(g, dim=0), V.repeat_interleave(g, dim=0)
        s = rope(q, pos) @ K.transpose(1, 2) / math.sqrt(q.shape[-1])
        mask = torch.ones(t, start + t, dtype=torch.bool).tril(start)  # new i sees <= i
        a = torch.softmax(s.masked_fill(~mask, -math.inf), dim=-1) @ V  # (H, t, d_k)
        x = x + a.transpose(0, 1).reshape(t, -1) @ p("self_attn.o_proj").T
        h = rms_norm(x, p("post_attention_layernorm"))
        x = x + (F.silu(h @ p("mlp.gate_proj").T) * (h @ p("mlp.up_proj").T)) @ p(
            "mlp.down_proj"
        ).T
    return rms_norm(x, w["model.norm.weight"]) @ w["lm_head.weight"].T
# --- end of a Llama with a KV cache from scratch


g = torch.Generator().manual_seed(0)
ids = torch.tensor([0, 15, 12, 9, 22, 9, 1, 0, 13, 1, 18, 25])  # ".olivia.mary"
worst = {"keys": 0.0, "values": 0.0, "logits": 0.0}
for H, H_kv in ((4, 2), (4, 1)):  # grouped-query and multi-query attention
    config = LlamaConfig(vocab_size=27, hidden_size=32, intermediate_size=48,
                         num_hidden_layers=2, num_attention_heads=H,
                         num_key_value_heads=H_kv, rms_norm_eps=1e-5)
    hf = LlamaForCausalLM(config).eval()
    # Random weights of unit scale, gains near 1, copied into transformers' model.
    w = {name: torch.randn(p.shape, generator=g) / (p.shape[-1] ** 0.5 if p.ndim > 1
                                                     else 10) + (p.ndim == 1)
         for name, p in hf.state_dict().items()}
    hf.load_state_dict(w)
    d_k = 32 // H
    mine = [{"k": torch.zeros(H_kv, 0, d_k), "v": torch.zeros(H_kv, 0, d_k)}
            for _ in range(2)]
    theirs = DynamicCache(config=config)
    # Prefill 4 tokens, decode 1 at a time, then 3 at once, then 1 at a time.
    for a, b in ((0, 4), (4, 5), (5, 6), (6, 9), (9, 10), (10, 11), (11, 12)):
        logits = forward(w, ids[a:b], mine, H, H_kv)
        with torch.no_grad():
            out = hf(ids[None, a:b], past_key_values=theirs, use_cache=True)
        pairs = [("logits", logits, out.logits[0])]
        for layer, c in zip(theirs.layers, mine):  # HF: (B, H_kv, tokens, d_k)
            pairs += [("keys", c["k"], layer.keys[0])]
            pairs += [("values", c["v"], layer.values[0])]
        for what, x, y in pairs:
            torch.testing.assert_close(x, y, rtol=1e-5, atol=1e-5)
            worst[what] = max(worst[what], (x - y).abs().max().item())
    print(f"H = {H}, H_kv = {H_kv}: prefill, then 6 decode steps: every layer's cached"
          " keys and values, and the logits == LlamaForCausalLM's")
print("max |Δ| " + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()),
      "(rtol = atol = 1e-5)")

# transformers caches the keys after RoPE: layer 0's cached keys are k_proj's output
# rotated by each token's position, not k_proj's output itself.
h = rms_norm(w["model.embed_tokens.weight"][ids],
             w["model.layers.0.input_layernorm.weight"])
raw = (h @ w["model.layers.0.self_attn.k_proj.weight"].T).view(len(ids), H_kv, -1)
raw = raw.transpose(0, 1)  # (H_kv, 12, d_k)
cached = theirs.layers[0].keys[0]  # (H_kv, 12, d_k)
rotated = rope(raw, torch.arange(len(ids)))
print(f"layer 0's cached keys vs k_proj before RoPE: max |Δ| "
      f"{(cached - raw).abs().max():.2f}; after RoPE: "
      f"{(cached - rotated).abs().max():.1e}")
