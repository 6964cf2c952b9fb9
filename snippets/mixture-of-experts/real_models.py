# Total and active parameters of four mixture-of-experts models, computed from their
# released configurations, checked against transformers' own model classes built from
# the same values (on the "meta" device: shapes only, no memory, no download), and
# printed next to what the publishers state.
import torch
from transformers import (
    AutoModelForCausalLM,
    DeepseekV3Config,
    GptOssConfig,
    MixtralConfig,
    Qwen3MoeConfig,
)


def attention(d, H, H_kv, d_k, bias=False, qk_norm=False, sinks=False, mla=None):
    """Parameters of one attention layer."""
    if mla:  # DeepSeek's multi-head latent attention: low-rank queries, keys, values
        q_r, kv_r, nope, rope, d_v = mla
        return (d * q_r + q_r + q_r * H * (nope + rope)  # queries, with a norm
                + d * (kv_r + rope) + kv_r + kv_r * H * (nope + d_v)  # keys, values
                + H * d_v * d)  # output
    n = d * H * d_k + 2 * d * H_kv * d_k + H * d_k * d  # q, k, v, o
    n += (H * d_k + 2 * H_kv * d_k + d) * bias + 2 * d_k * qk_norm + H * sinks
    return n


def count(V, d, L, attn, E, E_act, d_e, shared=0, dense=0, d_ff=0, bias=False):
    """(total, active) parameters: L layers, the first `dense` with a dense SwiGLU
    of width d_ff, the others E experts of width d_e (E_act used per token), plus
    `shared` experts every token uses; untied input and output embeddings."""
    expert = 3 * d * d_e + (2 * d_e + d) * bias  # one SwiGLU expert
    router = d * E + E * bias
    fixed = 2 * V * d + d + L * (attn + 2 * d) + dense * 3 * d * d_ff
    fixed += (L - dense) * (router + shared * expert)
    return fixed + (L - dense) * E * expert, fixed + (L - dense) * E_act * expert


models = {
    # Mixtral 8x7B: huggingface.co/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json
    "Mixtral 8x7B": (
        dict(V=32000, d=4096, L=32, attn=attention(4096, 32, 8, 128),
             E=8, E_act=2, d_e=14336),
        (MixtralConfig, dict(
            vocab_size=32000, hidden_size=4096, intermediate_size=14336,
            num_hidden_layers=32, num_attention_heads=32, num_key_value_heads=8,
            num_local_experts=8, num_experts_per_tok=2)),
        ("46.7B", "12.9B", "Mistral AI's announcement (the paper: 47B, 13B)"),
    ),
    # DeepSeek-V3: github.com/deepseek-ai/DeepSeek-V3/blob/main/inference/configs/
    # config_671B.json and huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json
    "DeepSeek-V3": (
        dict(V=129280, d=7168, L=61,
             attn=attention(7168, 128, 128, 0, mla=(1536, 512, 128, 64, 128)),
             E=256, E_act=8, d_e=2048, shared=1, dense=3, d_ff=18432),
        (DeepseekV3Config, dict(
            vocab_size=129280, hidden_size=7168, intermediate_size=18432,
            moe_intermediate_size=2048, num_hidden_layers=61,
            num_attention_heads=128, num_key_value_heads=128, n_shared_experts=1,
            n_routed_experts=256, num_experts_per_tok=8, first_k_dense_replace=3,
            q_lora_rank=1536, kv_lora_rank=512, qk_rope_head_dim=64,
            qk_nope_head_dim=128, v_head_dim=128)),
        ("671B", "37B", "DeepSeek-V3 README and report"),
    ),
    # Qwen3-30B-A3B: huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json
    "Qwen3-30B-A3B": (
        dict(V=151936, d=2048, L=48, attn=attention(2048, 32, 4, 128, qk_norm=True),
             E=128, E_act=8, d_e=768),
        (Qwen3MoeConfig, dict(
            vocab_size=151936, hidden_size=2048, intermediate_size=6144,
            moe_intermediate_size=768, num_hidden_layers=48, num_attention_heads=32,
            num_key_value_heads=4, head_dim=128, num_experts=128,
            num_experts_per_tok=8, norm_topk_prob=True)),
        ("30.5B", "3.3B", "its model card"),
    ),
    # gpt-oss-120b: huggingface.co/openai/gpt-oss-120b/blob/main/config.json and
    # github.com/openai/gpt-oss/blob/main/gpt_oss/torch/model.py (ModelConfig)
    "gpt-oss-120b": (
        dict(V=201088, d=2880, L=36,
             attn=attention(2880, 64, 8, 64, bias=True, sinks=True),
             E=128, E_act=4, d_e=2880, bias=True),
        (GptOssConfig, dict(
            vocab_size=201088, hidden_size=2880, intermediate_size=2880,
            num_hidden_layers=36, num_attention_heads=64, num_key_value_heads=8,
            head_dim=64, num_local_experts=128, num_experts_per_tok=4)),
        ("117B", "5.1B", "openai/gpt-oss README"),
    ),
}
print(f"{'model':14} {'total':>17} {'stated':>6} {'active':>15} {'stated':>6}"
      f" {'active w/o input emb.':>21}")
for name, (cfg, (cls, values), (total_s, active_s, source)) in models.items():
    total, active = count(**cfg)
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(cls(**values))
    assert total == sum(p.numel() for p in model.parameters()), name
    no_emb = active - cfg["V"] * cfg["d"]  # the input table is only looked up
    print(f"{name:14} {total:>17,} {total_s:>6} {active:>15,} {active_s:>6}"
          f" {no_emb:>21,}")
    default = cls()
    if getattr(default, "head_dim", None) is None:  # unset: the model uses d_model / H
        default.head_dim = default.hidden_size // default.num_attention_heads
    differ = {key: getattr(default, key, None) for key in values
              if getattr(default, key, None) != values[key]}
    print(f"{'':14} {active / total:.1%} active; total == {type(model).__name__}'s;"
          f" stated by {source}")
    print(f"{'':14} {cls.__name__}() defaults differ in {differ or 'nothing'}")
    bias = {n: b.numel() for n, b in model.named_buffers() if n.endswith("bias")}
    if bias:  # DeepSeek's router bias for balancing: a buffer, not a parameter
        print(f"{'':14} {list(bias)[0].split('.')[-1]}: a buffer in {len(bias)} layers,"
              f" {sum(bias.values()):,} numbers, not counted")
