# Parameter counts computed from each released config.json (the values typed below;
# the file's address is in the comment above each model and on the page), against
# the same model built by Hugging Face transformers from those values (on the "meta"
# device: shapes only, no memory, no download), and against the makers' figures.
import textwrap

import torch
import transformers
from transformers import AutoConfig, AutoModelForCausalLM
from transformers.models.auto.configuration_auto import CONFIG_MAPPING
from transformers.models.mistral4.modeling_mistral4 import Mistral4ForCausalLM

torch.set_num_threads(1)


# --- the parameter count from scratch
def count(
    V,
    d,
    L,
    H,
    H_kv,
    d_k,
    d_ff,
    positions,
    experts,
    active,
    shared,
    d_expert,
    dense,
    glu=True,
    bias=False,
    qkv_bias=False,
    tied=False,
    norm="rms",
    norms=2,
    qk_norm="none",
    moe_bias=False,
    sinks=False,
    mla=None,
):
    """Total and active parameters of a decoder-only transformer."""
    if mla:  # multi-head latent attention: queries, keys and values through ranks
        r_q, r_kv, d_nope, d_rope, d_v = mla
        attn = d * r_q + r_q + r_q * H * (d_nope + d_rope)  # q down, its norm, q up
        attn += d * (r_kv + d_rope) + r_kv + r_kv * H * (d_nope + d_v)  # kv alike
        attn += H * d_v * d  # output
    else:
        attn = d * H * d_k + 2 * d * H_kv * d_k + H * d_k * d  # q, k, v, o
        attn += (H * d_k + 2 * H_kv * d_k) * (bias or qkv_bias) + d * bias
    attn += {"none": 0, "head": 2 * d_k, "all": (H + H_kv) * d_k}[qk_norm]
    attn += H * sinks  # gpt-oss: one learned "sink" logit per head
    norm_size = {"rms": d, "layer": 2 * d, "none": 0}[norm]
    mlp = (3 if glu else 2) * d * d_ff + (d_ff + d) * bias  # a dense layer's MLP
    expert = 3 * d * d_expert + (2 * d_expert + d) * moe_bias  # one expert
    router = (d + moe_bias) * experts  # scores every expert: a d x E matrix
    moe_layers = L - dense if active < experts else 0  # 0 in a dense model
    fixed = V * d * (1 if tied else 2) + positions * d + norm_size
    fixed += L * (attn + norms * norm_size) + (L - moe_layers) * mlp
    fixed += moe_layers * (router + shared * expert)
    return (
        fixed + moe_layers * experts * expert,
        fixed + moe_layers * active * expert,
    )


# --- end of the parameter count from scratch

# What each family's transformers class builds beyond its config.json (read from
# the modelling code): norms per layer, q/k norms, biases, tied embeddings...
FAMILY = {
    "gpt2": dict(glu=False, bias=True, tied=True, norm="layer"),
    "llama": {},
    "mistral": {},
    "mixtral": {},
    "llama4_text": {},  # its q/k norm has no gain
    "gemma": dict(tied=True),
    "gemma2": dict(tied=True, norms=4),  # norms before and after attention and MLP
    "gemma3_text": dict(tied=True, norms=4, qk_norm="head"),
    "qwen2": dict(qkv_bias=True),
    "qwen3": dict(qk_norm="head"),
    "qwen3_moe": dict(qk_norm="head"),
    "deepseek_v3": {},
    "olmo": dict(norm="none"),  # LayerNorm without gain or bias
    "olmo2": dict(qk_norm="all"),  # RMSNorm on all queries and all keys at once
    "gpt_oss": dict(bias=True, sinks=True, moe_bias=True),
    "mistral4": {},  # DeepSeek-V3's layout: latent attention, shared expert
}


def symbols(kind, c):
    """The formula's symbols from config.json's names."""
    d = c.get("hidden_size", c.get("n_embd"))
    H = c.get("num_attention_heads", c.get("n_head"))
    s = dict(V=c["vocab_size"], d=d, L=c.get("num_hidden_layers", c.get("n_layer")))
    s.update(H=H, H_kv=c.get("num_key_value_heads", H), d_k=c.get("head_dim", d // H))
    s.update(d_ff=c.get("intermediate_size", 4 * d), positions=c.get("n_positions", 0))
    s["experts"] = c.get("num_local_experts", c.get("num_experts", 1))
    s["experts"] = c.get("n_routed_experts", s["experts"])
    s.update(active=c.get("num_experts_per_tok", 1))
    s.update(shared=c.get("n_shared_experts", 0))
    s.update(d_expert=c.get("moe_intermediate_size", s["d_ff"]))
    s.update(dense=c.get("first_k_dense_replace", 0), **FAMILY[kind])
    if kind == "llama4_text":
        s["shared"] = 1  # one shared expert in every layer
    if "kv_lora_rank" in c:
        names = "q_lora_rank kv_lora_rank qk_nope_head_dim qk_rope_head_dim v_head_dim"
        s["mla"] = [c[k] for k in names.split()]
    if "tie_word_embeddings" in c:
        s["tied"] = c["tie_word_embeddings"]
    return s


B, M = 1e9, 1e6
# name: (model_type, config.json values, published total, published active or None)
MODELS = {
    # huggingface.co/openai-community/gpt2/blob/main/config.json
    "GPT-2 small": ("gpt2", dict(
        vocab_size=50257, n_embd=768, n_layer=12, n_head=12, n_positions=1024,
    ), 124 * M, None),
    # huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json
    "Llama 2 7B": ("llama", dict(
        vocab_size=32000, hidden_size=4096, num_hidden_layers=32,
        num_attention_heads=32, num_key_value_heads=32, intermediate_size=11008,
    ), 7 * B, None),
    # huggingface.co/meta-llama/Meta-Llama-3-8B/blob/main/config.json
    "Llama 3 8B": ("llama", dict(
        vocab_size=128256, hidden_size=4096, num_hidden_layers=32,
        num_attention_heads=32, num_key_value_heads=8, intermediate_size=14336,
    ), 8 * B, None),
    # huggingface.co/meta-llama/Llama-3.1-405B/blob/main/config.json
    "Llama 3.1 405B": ("llama", dict(
        vocab_size=128256, hidden_size=16384, num_hidden_layers=126,
        num_attention_heads=128, num_key_value_heads=8, intermediate_size=53248,
    ), 405 * B, None),
    # huggingface.co/meta-llama/Llama-4-Scout-17B-16E/blob/main/config.json
    # (text_config; the published 109B is the whole model, image encoder included)
    "Llama 4 Scout": ("llama4_text", dict(
        vocab_size=202048, hidden_size=5120, num_hidden_layers=48,
        num_attention_heads=40, num_key_value_heads=8, head_dim=128,
        intermediate_size=8192, intermediate_size_mlp=16384, num_local_experts=16,
        num_experts_per_tok=1, interleave_moe_layer_step=1,
    ), 109 * B, 17 * B),
    # huggingface.co/mistralai/Mistral-7B-v0.1/blob/main/config.json
    "Mistral 7B": ("mistral", dict(
        vocab_size=32000, hidden_size=4096, num_hidden_layers=32,
        num_attention_heads=32, num_key_value_heads=8, intermediate_size=14336,
    ), 7 * B, None),
    # huggingface.co/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json
    "Mixtral 8x7B": ("mixtral", dict(
        vocab_size=32000, hidden_size=4096, num_hidden_layers=32,
        num_attention_heads=32, num_key_value_heads=8, intermediate_size=14336,
        num_local_experts=8, num_experts_per_tok=2,
    ), 47 * B, 13 * B),
    # Gemma paper, table 1 (256128 rows; config.json: 256000, see the pitfalls)
    "Gemma 7B": ("gemma", dict(
        vocab_size=256128, hidden_size=3072, num_hidden_layers=28,
        num_attention_heads=16, num_key_value_heads=16, head_dim=256,
        intermediate_size=24576,
    ), 8_538_074_112, None),
    # Gemma 2 paper, table 1 (256128 rows; config.json: 256000); github.com/google/
    # gemma_pytorch gemma/config.py get_config_for_9b
    "Gemma 2 9B": ("gemma2", dict(
        vocab_size=256128, hidden_size=3584, num_hidden_layers=42,
        num_attention_heads=16, num_key_value_heads=8, head_dim=256,
        intermediate_size=14336,
    ), 917_962_752 + 8_324_201_984, None),
    # huggingface.co/google/gemma-3-1b-pt/blob/main/config.json; exact count: github
    # .com/keras-team/keras-hub keras_hub/src/models/gemma3/gemma3_presets.py
    "Gemma 3 1B": ("gemma3_text", dict(
        vocab_size=262144, hidden_size=1152, num_hidden_layers=26,
        num_attention_heads=4, num_key_value_heads=1, head_dim=256,
        intermediate_size=6912,
    ), 999_885_952, None),
    # huggingface.co/Qwen/Qwen2-7B/blob/main/config.json
    "Qwen2 7B": ("qwen2", dict(
        vocab_size=152064, hidden_size=3584, num_hidden_layers=28,
        num_attention_heads=28, num_key_value_heads=4, intermediate_size=18944,
        tie_word_embeddings=False,
    ), 7 * B, None),
    # huggingface.co/Qwen/Qwen2.5-7B/blob/main/config.json
    "Qwen2.5 7B": ("qwen2", dict(
        vocab_size=152064, hidden_size=3584, num_hidden_layers=28,
        num_attention_heads=28, num_key_value_heads=4, intermediate_size=18944,
        tie_word_embeddings=False,
    ), 7.61 * B, None),
    # huggingface.co/Qwen/Qwen3-8B/blob/main/config.json
    "Qwen3 8B": ("qwen3", dict(
        vocab_size=151936, hidden_size=4096, num_hidden_layers=36,
        num_attention_heads=32, num_key_value_heads=8, head_dim=128,
        intermediate_size=12288, tie_word_embeddings=False,
    ), 8.2 * B, None),
    # huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json
    "Qwen3 30B-A3B": ("qwen3_moe", dict(
        vocab_size=151936, hidden_size=2048, num_hidden_layers=48,
        num_attention_heads=32, num_key_value_heads=4, head_dim=128,
        intermediate_size=6144, moe_intermediate_size=768, num_experts=128,
        num_experts_per_tok=8, tie_word_embeddings=False,
    ), 30.5 * B, 3.3 * B),
    # huggingface.co/deepseek-ai/deepseek-llm-7b-base/blob/main/config.json
    "DeepSeek LLM 7B": ("llama", dict(
        vocab_size=102400, hidden_size=4096, num_hidden_layers=30,
        num_attention_heads=32, num_key_value_heads=32, intermediate_size=11008,
    ), 7 * B, None),
    # github.com/deepseek-ai/DeepSeek-V3 inference/configs/config_671B.json (same
    # values as huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json; R1 too)
    "DeepSeek-V3": ("deepseek_v3", dict(
        vocab_size=129280, hidden_size=7168, num_hidden_layers=61,
        num_attention_heads=128, num_key_value_heads=128, intermediate_size=18432,
        moe_intermediate_size=2048, n_routed_experts=256, n_shared_experts=1,
        num_experts_per_tok=8, first_k_dense_replace=3, q_lora_rank=1536,
        kv_lora_rank=512, qk_nope_head_dim=128, qk_rope_head_dim=64, v_head_dim=128,
    ), 671 * B, 37 * B),
    # github.com/allenai/OLMo configs/official/OLMo-7B.yaml
    "OLMo 7B": ("olmo", dict(
        vocab_size=50304, hidden_size=4096, num_hidden_layers=32,
        num_attention_heads=32, num_key_value_heads=32, intermediate_size=11008,
    ), 7 * B, None),
    # huggingface.co/allenai/OLMo-2-1124-7B/blob/main/config.json
    "OLMo 2 7B": ("olmo2", dict(
        vocab_size=100352, hidden_size=4096, num_hidden_layers=32,
        num_attention_heads=32, num_key_value_heads=32, intermediate_size=11008,
    ), 7 * B, None),
    # huggingface.co/openai/gpt-oss-120b/blob/main/config.json and github.com/openai/
    # gpt-oss gpt_oss/torch/model.py ModelConfig
    "gpt-oss-120b": ("gpt_oss", dict(
        vocab_size=201088, hidden_size=2880, num_hidden_layers=36,
        num_attention_heads=64, num_key_value_heads=8, head_dim=64,
        intermediate_size=2880, num_local_experts=128, num_experts_per_tok=4,
    ), 116.83 * B, 5.13 * B),
    # huggingface.co/mistralai/Mistral-Small-4-119B-2603 (text model; the values are
    # transformers' Mistral4Config defaults, documented as that checkpoint's)
    "Mistral Small 4": ("mistral4", dict(
        vocab_size=131072, hidden_size=4096, num_hidden_layers=36,
        num_attention_heads=32, num_key_value_heads=32, intermediate_size=12288,
        moe_intermediate_size=2048, n_routed_experts=128, n_shared_experts=1,
        num_experts_per_tok=4, first_k_dense_replace=0, q_lora_rank=1024,
        kv_lora_rank=256, qk_nope_head_dim=64, qk_rope_head_dim=64, v_head_dim=128,
    ), 119 * B, None),
}


def shown(n):
    return f"{n / B:.2f}B" if n >= B else f"{n / M:.0f}M"


# Only the rounded name published ("7B"): within 10 %; a stated count: within 2 %.
NAME_ONLY = {"Llama 2 7B", "Llama 3 8B", "Mistral 7B", "Qwen2 7B", "DeepSeek LLM 7B",
             "OLMo 7B", "OLMo 2 7B"}
print(f"{'model':15} {'from scratch':>17} {'transformers':>17} {'published':>9} diff")
computed, as_defaults = {}, []
for name, (kind, c, published, published_active) in MODELS.items():
    total, active = count(**symbols(kind, c))
    computed[name] = (total, active)
    # transformers' class for this model type, built from the same values; the
    # Gemma (2) row follows the paper's 256128 rows, the released embedding has 256000
    hf = dict(c, vocab_size=256000) if kind in ("gemma", "gemma2") else c
    config = AutoConfig.for_model(kind, **hf)
    with torch.device("meta"):  # Mistral4 is not registered with the Auto class
        model = (Mistral4ForCausalLM(config) if kind == "mistral4"
                 else AutoModelForCausalLM.from_config(config))
    default = CONFIG_MAPPING[kind]()  # the class's documented defaults
    if all(getattr(default, key) == value for key, value in c.items()):
        as_defaults.append(name)
    theirs = sum(p.numel() for p in model.parameters())  # a tied matrix once
    mine = count(**symbols(kind, hf))[0]
    assert mine == theirs, (name, mine, theirs)
    print(f"{name:15} {total:>17,} {theirs:>17,} {shown(published):>9} "
          f"{(total - published) / published:>+6.1%}")
    assert abs(total - published) / published < (0.1 if name in NAME_ONLY else 0.02)
    if total != active:  # a mixture of experts: the parameters one token uses
        stated, diff = "not verified", ""
        if published_active:
            stated = shown(published_active)
            diff = f"{(active - published_active) / published_active:>+6.1%}"
        print(f"{'  active':15} {active:>17,} {'':>17} {stated:>9} {diff}".rstrip())
    if kind not in ("mixtral", "llama4_text", "qwen3_moe", "deepseek_v3", "gpt_oss",
                    "mistral4"):
        assert total == active  # a dense model uses all its parameters per token

# Where the makers stated a count, it must agree to the last digit they give.
def agrees(n, stated, unit):
    return abs(n - stated) < unit


assert computed["Gemma 7B"][0] == 8_538_074_112  # Gemma paper, table 2
assert computed["Gemma 2 9B"][0] == 917_962_752 + 8_324_201_984  # Gemma 2, table 1
assert computed["Gemma 3 1B"][0] == 999_885_952  # Keras Hub's Gemma 3 preset
assert agrees(computed["Qwen2.5 7B"][0], 7.61 * B, 0.01 * B)  # Qwen2.5 model card
body = computed["Qwen2.5 7B"][0] - 2 * 152064 * 3584  # without embedding and output
print(f"Qwen2.5 7B without embedding and output layer: {body:,} (card: 6.53B)")
assert agrees(body, 6.53 * B, 0.01 * B)
assert agrees(computed["Qwen3 8B"][0], 8.2 * B, 0.1 * B)  # Qwen3 model cards
body = computed["Qwen3 8B"][0] - 2 * 151936 * 4096
print(f"Qwen3 8B without embedding and output layer:   {body:,} (card: 6.95B)")
assert agrees(body, 6.95 * B, 0.01 * B)
assert agrees(computed["Qwen3 30B-A3B"][0], 30.5 * B, 0.1 * B)
assert agrees(computed["Qwen3 30B-A3B"][1], 3.3 * B, 0.1 * B)
assert agrees(computed["DeepSeek-V3"][0], 671 * B, 1 * B)  # DeepSeek-V3 README
assert agrees(computed["DeepSeek-V3"][1], 37 * B, 1 * B)
assert agrees(computed["Llama 4 Scout"][1], 17 * B, 1 * B)  # Llama 4 model card
assert agrees(computed["Mixtral 8x7B"][0], 47 * B, 1 * B)  # Mixtral paper, abstract
assert agrees(computed["Mixtral 8x7B"][1], 13 * B, 1 * B)
assert agrees(computed["GPT-2 small"][0], 124 * M, 1 * M)  # OpenAI's GPT-2 card
assert agrees(computed["gpt-oss-120b"][0], 116.83 * B, 0.01 * B)  # gpt-oss card
# gpt-oss's card counts active parameters without the embedding table (a lookup,
# no multiplication): 5.13B; with it, 5.71B.
oss = MODELS["gpt-oss-120b"][1]
table = oss["vocab_size"] * oss["hidden_size"]
print(f"gpt-oss-120b active without the embedding table: "
      f"{computed['gpt-oss-120b'][1] - table:,} (card: 5.13B)")
assert agrees(computed["gpt-oss-120b"][1] - table, 5.13 * B, 0.01 * B)
# The other makers' active counts, with and without the embedding table:
for name in ("Qwen3 30B-A3B", "Llama 4 Scout", "DeepSeek-V3"):
    c, stated, active = MODELS[name][1], MODELS[name][3], computed[name][1]
    without = active - c["vocab_size"] * c["hidden_size"]
    print(f"{name + ' active':20} with the table {shown(active)}, without "
          f"{shown(without)} (stated: {shown(stated)})")
    if name == "DeepSeek-V3":
        assert without < stated < active  # 37B fits either convention
    else:  # Qwen's 3.3B and Meta's 17B are the count with the table
        assert abs(active - stated) < abs(without - stated)
print(textwrap.fill("Typed values equal to transformers' defaults: "
                    + ", ".join(as_defaults), 80))
# A rounded name ("7B") tolerates a mistyped value, so each such model is pinned
# down another way: the transformers class defaults above (a second copy of its
# configuration), the same configuration as a model with a stated count, or the
# "From scratch" total, typed there separately.
assert {"Llama 2 7B", "Mistral 7B", "OLMo 7B"} <= set(as_defaults)
assert computed["Qwen2 7B"] == computed["Qwen2.5 7B"]  # one row of the table
assert computed["Llama 3 8B"][0] == 8_030_261_248  # "From scratch" above
assert computed["Llama 2 7B"][0] == 6_738_415_616  # as typed in the pitfalls
assert computed["Qwen2 7B"][0] == 7_615_616_512
olmo2 = CONFIG_MAPPING["olmo2"]()  # documented as OLMo 2 7B's, but for the vocabulary
assert all(getattr(olmo2, k) == v for k, v in MODELS["OLMo 2 7B"][1].items()
           if k != "vocab_size")
newer = ["gemma4", "qwen3_5", "qwen3_5_moe", "deepseek_v4", "olmo3"]
print(textwrap.fill(f"Newer model types transformers {transformers.__version__} knows, "
                    "not counted here: "
                    + ", ".join(kind for kind in newer if kind in CONFIG_MAPPING), 80))
