import collections
import dataclasses
import types

import torch
from trl.trainer.grpo_config import GRPOConfig
from trl.trainer.grpo_trainer import GRPOTrainer
from trl.trainer.utils import nanstd

torch.manual_seed(0)


# --- the GRPO loss
def group_advantages(r, G, eps=1e-4):
    """(r - mean) / (std + eps) within each group of G answers to one request. r is
    (B,), the G answers of a request next to each other; std with Bessel's n - 1."""
    r = r.view(-1, G)
    A = (r - r.mean(dim=1, keepdim=True)) / (r.std(dim=1, keepdim=True) + eps)
    return A.view(-1)


def grpo_loss(logp, logp_ref, A, mask, logp_old=None, eps=0.2, beta=0.04, norm="grpo"):
    """logp, logp_ref, logp_old, mask: (B, T) per answer token; A: (B,). Returns the
    loss to minimise. norm: "grpo" (mean per answer, then over answers), "bnpo"
    (mean over all tokens), "dr_grpo" (sum / (B * T))."""
    if logp_old is None:  # on-policy: the answers were sampled from this very model
        logp_old = logp.detach()
    ratio = (logp - logp_old).exp()  # pi / pi_old, per token
    A = A[:, None]
    clipped = ratio.clamp(1 - eps, 1 + eps)
    surrogate = torch.min(ratio * A, clipped * A)  # the pessimistic of the two
    d = logp_ref - logp
    kl = d.exp() - d - 1  # k3: >= 0, unbiased for KL(pi || pi_ref) under pi
    per_token = (-surrogate + beta * kl) * mask
    if norm == "grpo":
        return (per_token.sum(1) / mask.sum(1).clamp(min=1)).mean()
    if norm == "bnpo":
        return per_token.sum() / mask.sum().clamp(min=1)
    return per_token.sum() / mask.numel()  # dr_grpo: a constant, B * T


# --- end of the GRPO loss


def trl_loss(logp, logp_ref, A, mask, logp_old, eps, beta, loss_type):
    """GRPOTrainer._compute_loss itself, on a stand-in for the trainer (`self`) that
    has only the attributes the method reads; the model's log-probs are given."""
    B, T = mask.shape
    metrics = collections.defaultdict(lambda: collections.defaultdict(list))
    accelerator = types.SimpleNamespace(
        gather=lambda x: x, reduce=lambda x, reduction: x, num_processes=1
    )
    args = types.SimpleNamespace(
        use_bias_correction_kl=False, delta=None, steps_per_generation=1
    )
    me = types.SimpleNamespace(
        _get_per_token_logps_and_entropies=lambda *a, **k: (logp, torch.zeros(B, T), 0),
        top_entropy_quantile=1.0, off_policy_mask_threshold=None,
        importance_sampling_level="token", beta=beta, args=args, loss_type=loss_type,
        epsilon_low=eps, epsilon_high=eps, use_vllm=False, model=torch.nn.Module(),
        current_gradient_accumulation_steps=1, max_completion_length=T,
        accelerator=accelerator, _entropy_bonus_enabled=False, aux_loss_enabled=False,
        _metrics=metrics,
    )
    inputs = {
        "prompt_ids": torch.zeros(B, 1, dtype=torch.long),
        "prompt_mask": torch.ones(B, 1),
        "completion_ids": torch.zeros(B, T, dtype=torch.long), "completion_mask": mask,
        "advantages": A, "ref_per_token_logps": logp_ref,
        "num_items_in_batch": mask.sum(),
    }
    if logp_old is not None:
        inputs["old_per_token_logps"] = logp_old
    return GRPOTrainer._compute_loss(me, None, inputs)


# 1. Advantages: TRL computes them inline in _generate_and_score_completions
# (grpo_trainer.py, lines 2764-2787): mean and nanstd per group,
# (r - mean) / (std + 1e-4).
for G, n_groups in [(8, 4), (4, 3), (16, 2)]:
    r = torch.randint(0, 2, (G * n_groups,)).float()
    r[:G] = torch.tensor([1.0] + [0.0] * (G - 1))  # one right answer out of G
    mean = r.view(-1, G).mean(dim=1).repeat_interleave(G)
    std = nanstd(r.view(-1, G), dim=1).repeat_interleave(G)
    torch.testing.assert_close(group_advantages(r, G), (r - mean) / (std + 1e-4))
print("advantages == TRL's formula, G = 8, 4, 16")

# 2. The loss and its gradient: GRPOTrainer._compute_loss, four loss types.
for B, T in [(8, 5), (16, 7), (4, 3)]:
    logits = torch.randn(B, T)
    mask = (torch.arange(T) < torch.randint(1, T + 1, (B, 1))).float()  # answer lengths
    if B == 4:  # one token in the whole batch
        mask = torch.zeros(B, T)
        mask[0, 0] = 1
    logp_ref = -torch.rand(B, T) * 3
    A = group_advantages(torch.randint(0, 2, (B,)).float(), 4)
    for off_policy in [False, True]:
        noise = 0.3 * torch.randn(B, T)
        logp_old = (-(logits + noise).abs()) if off_policy else None
        for loss_type in ["grpo", "bnpo", "dr_grpo", "dapo"]:
            norm = "bnpo" if loss_type == "dapo" else loss_type
            for eps, beta in [(0.2, 0.04), (0.1, 0.0), (0.3, 1.0), (None, None)]:
                kw = {} if eps is None else {"eps": eps, "beta": beta}  # None: defaults
                logp = (-logits.abs()).requires_grad_()
                mine = grpo_loss(logp, logp_ref, A, mask, logp_old, norm=norm, **kw)
                (g_mine,) = torch.autograd.grad(mine, logp)
                eps, beta = kw.get("eps", 0.2), kw.get("beta", 0.04)
                logp = (-logits.abs()).requires_grad_()
                theirs = trl_loss(
                    logp, logp_ref, A, mask, logp_old, eps, beta, loss_type
                )
                (g_theirs,) = torch.autograd.grad(theirs, logp)
                torch.testing.assert_close(mine, theirs)
                torch.testing.assert_close(g_mine, g_theirs)
print("loss and gradient == GRPOTrainer._compute_loss: grpo, bnpo, dr_grpo, dapo")

# The same tokens, the three normalisations: one long answer weighs differently.
logp = torch.zeros(2, 6)  # ratio 1, reference = policy: loss = -A per token
mask = torch.tensor([[1, 1, 1, 1, 1, 1], [1, 0, 0, 0, 0, 0]]).float()  # 6 and 1 tokens
A = torch.tensor([1.0, 1.0])
for norm in ["grpo", "bnpo", "dr_grpo"]:
    logp_g = logp.clone().requires_grad_()
    (grad,) = torch.autograd.grad(grpo_loss(logp_g, logp, A, mask, norm=norm), logp_g)
    print(f"{norm:8}: gradient per token, long answer {-grad[0, 0]:.4f}, "
          f"short answer {-grad[1, 0]:.4f}")

# TRL's defaults (GRPOConfig): not DeepSeekMath's settings.
defaults = {f.name: f.default for f in dataclasses.fields(GRPOConfig)}
keys = ["loss_type", "beta", "epsilon", "epsilon_high", "num_generations",
        "num_iterations", "scale_rewards", "learning_rate"]
print("GRPOConfig defaults:", ", ".join(f"{k}={defaults[k]!r}" for k in keys))
