import math

from transformers import DeepseekV3Config
from transformers.models.deepseek_v3.modeling_deepseek_v3 import yarn_apply_mscale

# DeepSeek-V3's attention, typed from its released configuration:
URL = ("https://github.com/deepseek-ai/DeepSeek-V3/blob/main/"
       "inference/configs/config_671B.json")
v3 = dict(dim=7168, n_layers=61, n_heads=128, q_lora_rank=1536, kv_lora_rank=512,
          qk_nope_head_dim=128, qk_rope_head_dim=64, v_head_dim=128)
print("from", URL)
hf = DeepseekV3Config()  # transformers' defaults, under its own names
hf_names = dict(dim="hidden_size", n_layers="num_hidden_layers",
                n_heads="num_attention_heads")
for key, value in v3.items():
    default = getattr(hf, hf_names.get(key, key))
    print(f"{key:17} {value:5}  DeepseekV3Config() default {default:5}",
          "(same)" if default == value else "(DIFFERENT)")

L, H, d_c = v3["n_layers"], v3["n_heads"], v3["kv_lora_rank"]
d_nope, d_r, d_v = v3["qk_nope_head_dim"], v3["qk_rope_head_dim"], v3["v_head_dim"]
per_layer = {  # numbers cached per token and layer
    "MHA, same heads": H * (d_nope + d_r) + H * d_v,  # full keys and values
    "GQA, 8 KV heads of 128": 2 * 8 * 128,
    "MQA, 1 KV head of 128": 2 * 128,
    "MLA (c and k_r)": d_c + d_r,
}
mla = per_layer["MLA (c and k_r)"] * L * 2
print(f"\nKV cache per token, {L} layers, bfloat16 (2 bytes a number):")
for name, n in per_layer.items():
    b = n * L * 2
    print(f"  {name:23} {n:6} numbers a layer, {b / 1024:8.1f} KiB a token, "
          f"{b * 128 * 1024 / 2**30:6.1f} GiB at 128K tokens ({b / mla:5.1f}x MLA)")
print(f"query and key width {d_nope + d_r} per head, not d_model / H = "
      f"{v3['dim']} / {H} = {v3['dim'] // H}")
print(f"MLA's {d_c + d_r} = {(d_c + d_r) / 128} x 128: the cache of GQA with "
      f"{(d_c + d_r) / 256} KV heads of width 128")

# The softmax scale: 1/sqrt of the query's width 192, times YaRN's correction
# (0.1 ln s + 1)^2 for the context extended at scale s = 40 (DeepSeek's
# inference/model.py: rope_factor 40, mscale 1.0; transformers: mscale_all_dim).
scale = 1 / math.sqrt(d_nope + d_r)
mscale = 0.1 * math.log(40) + 1
yarn = yarn_apply_mscale(
    {"rope_type": "yarn", "factor": 40, "mscale_all_dim": 1.0}, scale)
assert math.isclose(yarn, scale * mscale**2)  # transformers computes the same
print(f"\nsoftmax scale 1/sqrt({d_nope + d_r}) = {scale:.5f}; with YaRN's mscale^2 = "
      f"{mscale**2:.4f}: {yarn:.5f}")
