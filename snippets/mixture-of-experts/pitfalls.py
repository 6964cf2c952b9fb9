import torch
from transformers import MixtralConfig, Qwen3MoeConfig
from transformers.models.gpt_oss.modeling_gpt_oss import GptOssConfig, GptOssTopKRouter
from transformers.models.mixtral.modeling_mixtral import (
    MixtralSparseMoeBlock,
    MixtralTopKRouter,
    load_balancing_loss_func,
)
from transformers.models.qwen3_moe.modeling_qwen3_moe import Qwen3MoeTopKRouter

torch.manual_seed(0)
d_model, E, k = 8, 6, 2
x = torch.randn(5, d_model)
W = torch.randn(E, d_model)  # one router weight for all three routers below

# 1. Softmax, top-k, renormalise (Mixtral) == top-k of the logits, then softmax
#    (gpt-oss); without the renormalisation (Qwen3-MoE's default) the weights differ.
common = dict(hidden_size=d_model, num_experts_per_tok=k)
routers = {
    "Mixtral": MixtralTopKRouter(MixtralConfig(num_local_experts=E, **common)),
    "gpt-oss": GptOssTopKRouter(GptOssConfig(num_local_experts=E, **common)),
    "Qwen3-MoE default": Qwen3MoeTopKRouter(Qwen3MoeConfig(num_experts=E, **common)),
}
weights = {}
with torch.no_grad():
    for name, router in routers.items():
        router.weight.copy_(W)
        _, w, idx = router(x)
        weights[name] = w
        print(f"{name:17} experts {idx[0].tolist()}, weights "
              f"{[round(v, 4) for v in w[0].tolist()]}, sum {w[0].sum():.4f}")
torch.testing.assert_close(weights["Mixtral"], weights["gpt-oss"])
print("Qwen3MoeConfig().norm_topk_prob =", Qwen3MoeConfig().norm_topk_prob,
      "(Qwen3-30B-A3B's config.json sets it to true)")

# 2. A vectorised dispatch indexes with repeated tokens: `out[tok] += y` keeps one
#    write per token, index_add_ adds them all.
tok = torch.tensor([0, 0, 1, 2, 2])  # token 0 and 2 each went to two experts
y = torch.ones(5, 3)
lost, out = torch.zeros(3, 3), torch.zeros(3, 3)
lost[tok] += y
out.index_add_(0, tok, y)
print("out[tok] += y :", lost[:, 0].tolist(), "  index_add_:", out[:, 0].tolist())

# 3. In training mode with router_jitter_noise > 0, Mixtral's block multiplies its
#    input by noise in place: the caller's tensor changes.
config = MixtralConfig(hidden_size=d_model, intermediate_size=16,
                       num_local_experts=E, router_jitter_noise=0.1)
block = MixtralSparseMoeBlock(config)
block.experts.config._experts_implementation = "eager"
torch.nn.init.normal_(block.experts.gate_up_proj)
torch.nn.init.normal_(block.experts.down_proj)
torch.nn.init.normal_(block.gate.weight)
h = torch.randn(1, 4, d_model)
h_before = h.clone()
block.train()(h)
print("input changed by a training-mode forward:", not torch.equal(h, h_before))

# 4. transformers' loss counts all top-k choices: perfect balance gives k, not 1.
uniform = torch.zeros(12, E)  # every expert equally likely for every token
for top_k in (1, 2, 3):
    loss = load_balancing_loss_func((uniform,), num_experts=E, top_k=top_k)
    print(f"top_k={top_k}: loss at uniform routing {loss:.3f}")
