# Parameter counts computed from each released configuration (sources on the page),
# against the figure the makers published, and against the same model built by
# Hugging Face transformers from that configuration (on the "meta" device: shapes only,
# no memory, no download).
import torch
from transformers import (
    AutoModelForCausalLM,
    GemmaConfig,
    GPT2Config,
    LlamaConfig,
    MistralConfig,
    MixtralConfig,
    OlmoConfig,
    Qwen2Config,
)


# --- the parameter count from scratch
def count(
    V,
    d,
    L,
    H,
    H_kv,
    d_k,
    d_ff,
    glu=True,
    bias=False,
    qkv_bias=False,
    tied=False,
    norm="rms",
    positions=0,
    experts=1,
    active=1,
):
    """Total and active parameters of a decoder-only transformer."""
    attn = d * H * d_k + 2 * d * H_kv * d_k + H * d_k * d  # q, k, v, o
    attn += (H * d_k + 2 * H_kv * d_k) * (bias or qkv_bias) + d * bias
    mlp = (3 if glu else 2) * d * d_ff + (d_ff + d) * bias
    norm_size = {"rms": d, "layer": 2 * d, "none": 0}[norm]
    router = d * experts if experts > 1 else 0
    fixed = V * d * (1 if tied else 2) + positions * d + norm_size
    fixed += L * (attn + 2 * norm_size + router)
    return fixed + L * experts * mlp, fixed + L * active * mlp


# --- end of the parameter count from scratch


models = {  # name: configuration, published figure
    "GPT-2 small": (
        dict(
            V=50257,
            d=768,
            L=12,
            H=12,
            H_kv=12,
            d_k=64,
            d_ff=3072,
            glu=False,
            bias=True,
            tied=True,
            norm="layer",
            positions=1024,
        ),
        124e6,
    ),
    "Llama 2 7B": (
        dict(V=32000, d=4096, L=32, H=32, H_kv=32, d_k=128, d_ff=11008),
        7e9,
    ),
    "Llama 3 8B": (
        dict(V=128256, d=4096, L=32, H=32, H_kv=8, d_k=128, d_ff=14336),
        8e9,
    ),
    "Mistral 7B": (dict(V=32000, d=4096, L=32, H=32, H_kv=8, d_k=128, d_ff=14336), 7e9),
    "Mixtral 8x7B": (
        dict(
            V=32000,
            d=4096,
            L=32,
            H=32,
            H_kv=8,
            d_k=128,
            d_ff=14336,
            experts=8,
            active=2,
        ),
        47e9,
    ),
    "Gemma 7B": (
        dict(V=256128, d=3072, L=28, H=16, H_kv=16, d_k=256, d_ff=24576, tied=True),
        8_538_074_112,
    ),
    "Qwen2 7B": (
        dict(V=152064, d=3584, L=28, H=28, H_kv=4, d_k=128, d_ff=18944, qkv_bias=True),
        7e9,
    ),
    "DeepSeek LLM 7B": (
        dict(V=102400, d=4096, L=30, H=32, H_kv=32, d_k=128, d_ff=11008),
        7e9,
    ),
    "OLMo 7B": (
        dict(V=50304, d=4096, L=32, H=32, H_kv=32, d_k=128, d_ff=11008, norm="none"),
        7e9,
    ),
}
print(f"{'model':16} {'computed':>15} {'published':>15} {'difference':>10}")
computed = {}
for name, (cfg, published) in models.items():
    total, active = count(**cfg)
    computed[name] = (total, active)
    if published % 1e6:
        shown = f"{published:,}"  # an exact count
    elif published < 1e9:
        shown = f"{published / 1e6:g}M"
    else:
        shown = f"{published / 1e9:g}B"
    print(
        f"{name:16} {total:>15,} {shown:>15} {(total - published) / published:>+10.1%}"
    )
print(
    f"Mixtral 8x7B active per token: {computed['Mixtral 8x7B'][1]:,} (published: 13B)"
)

# The same configurations in transformers' model classes; Gemma's config.json has
# 256000 rows (the paper counts 256128, see the pitfalls).
shape = lambda c: dict(hidden_size=c["d"], intermediate_size=c["d_ff"],
                       num_hidden_layers=c["L"], num_attention_heads=c["H"],
                       num_key_value_heads=c["H_kv"], vocab_size=c["V"])
cfg = {name: models[name][0] for name in models}
hf = {
    "GPT-2 small": GPT2Config(),
    "Llama 2 7B": LlamaConfig(**shape(cfg["Llama 2 7B"])),
    "Llama 3 8B": LlamaConfig(**shape(cfg["Llama 3 8B"])),
    "Mistral 7B": MistralConfig(**shape(cfg["Mistral 7B"])),
    "Mixtral 8x7B": MixtralConfig(**shape(cfg["Mixtral 8x7B"]), num_local_experts=8,
                                  num_experts_per_tok=2),
    "Gemma 7B": GemmaConfig(**{**shape(cfg["Gemma 7B"]), "vocab_size": 256000},
                            head_dim=256),
    "Qwen2 7B": Qwen2Config(**shape(cfg["Qwen2 7B"]), tie_word_embeddings=False),
    "DeepSeek LLM 7B": LlamaConfig(**shape(cfg["DeepSeek LLM 7B"])),
    "OLMo 7B": OlmoConfig(**shape(cfg["OLMo 7B"])),  # LayerNorm without gain or bias
}
print(f"{'model':16} {'transformers class':20} {'its parameters':>15}")
for name, config in hf.items():
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(config)
    theirs = sum(p.numel() for p in model.parameters())  # a tied matrix once
    mine = count(**{**cfg[name], "V": config.vocab_size})[0]
    assert mine == theirs, (name, mine, theirs)
    print(f"{name:16} {type(model).__name__:20} {theirs:>15,} == count(config.json)")

# Where the makers published exact or rounded figures, the computation must match.
assert computed["Gemma 7B"][0] == 8_538_074_112  # Gemma paper, table 2
assert round(computed["Mixtral 8x7B"][0] / 1e9) == 47  # Mixtral paper, abstract
assert round(computed["Mixtral 8x7B"][1] / 1e9) == 13
assert round(computed["GPT-2 small"][0] / 1e6) == 124  # OpenAI's GPT-2 model card
assert all(total == active for name, (total, active) in computed.items()
           if name != "Mixtral 8x7B")  # a dense model uses all its parameters
