import torch
import torch.nn as nn
from transformers import GPT2Config
from transformers.models.gpt2.modeling_gpt2 import GPT2Attention

d_model, H, T = 768, 12, 5                     # GPT-2 small's width and heads
config = GPT2Config(n_embd=d_model, n_head=H, attn_pdrop=0.0, resid_pdrop=0.0)
config._attn_implementation = "eager"
torch.manual_seed(0)
gpt2 = GPT2Attention(config, layer_idx=0).eval()   # random weights, nothing downloaded
mha = nn.MultiheadAttention(d_model, H, batch_first=True).eval()
print("GPT-2 c_attn.weight:", tuple(gpt2.c_attn.weight.shape),
      "(in, out), used as x @ W + b (transformers' Conv1D)")
print("MultiheadAttention in_proj_weight:", tuple(mha.in_proj_weight.shape),
      "(out, in), used as x @ W.T + b (like nn.Linear)")

x = torch.randn(2, T, d_model)
causal = torch.triu(torch.full((T, T), float("-inf")), diagonal=1)   # additive mask
with torch.no_grad():
    theirs = gpt2(x, attention_mask=causal)[0]

    # Loading GPT-2's attention into nn.MultiheadAttention: both matrices transposed.
    mha.in_proj_weight.copy_(gpt2.c_attn.weight.T)
    mha.in_proj_bias.copy_(gpt2.c_attn.bias)
    mha.out_proj.weight.copy_(gpt2.c_proj.weight.T)
    mha.out_proj.bias.copy_(gpt2.c_proj.bias)
    ours, _ = mha(x, x, x, attn_mask=causal)
    torch.testing.assert_close(ours, theirs)
    print("with .T: nn.MultiheadAttention == GPT-2's attention, max diff",
          f"{(ours - theirs).abs().max().item():.1e}")

    # Without it: c_attn (768, 2304) does not fit, and reshaping it to fit is wrong.
    try:
        mha.in_proj_weight.copy_(gpt2.c_attn.weight)
    except RuntimeError as e:
        print("c_attn without .T: RuntimeError:", str(e).split(" at ")[0])
    mha.in_proj_weight.copy_(gpt2.c_attn.weight.reshape(3 * d_model, d_model))
    wrong, _ = mha(x, x, x, attn_mask=causal)
    diff = (wrong - theirs).abs().max().item()
    print(f"c_attn reshaped instead: max diff {diff:.3f}")
    assert not torch.allclose(wrong, theirs)

    # c_proj is square (768, 768): without .T it loads silently and is wrong.
    mha.in_proj_weight.copy_(gpt2.c_attn.weight.T)
    mha.out_proj.weight.copy_(gpt2.c_proj.weight)
    wrong, _ = mha(x, x, x, attn_mask=causal)
    diff = (wrong - theirs).abs().max().item()
    print(f"c_proj without .T (it fits): max diff {diff:.3f}")
    assert not torch.allclose(wrong, theirs)
