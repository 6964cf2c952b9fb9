import torch
import torch.nn as nn
import torch.nn.functional as F

d_model, H = 768, 12                                   # GPT-2 small
mha = nn.MultiheadAttention(d_model, H, batch_first=True)
print("nn.MultiheadAttention in_proj_weight:", tuple(mha.in_proj_weight.shape),
      "(out, in): used as x @ W.T, like nn.Linear")

# GPT-2's c_attn is a "Conv1D" whose weight is stored (in, out) = (d_model, 3 d_model)
# and used as x @ W + b. The same projection, stored transposed:
torch.manual_seed(0)
c_attn_weight = torch.randn(d_model, 3 * d_model) * 0.02     # GPT-2 layout
c_attn_bias = torch.zeros(3 * d_model)
x = torch.randn(2, 5, d_model)
gpt2_style = x @ c_attn_weight + c_attn_bias
linear_style = F.linear(x, c_attn_weight.T, c_attn_bias)     # nn.Linear layout
torch.testing.assert_close(gpt2_style, linear_style)
print("GPT-2 c_attn weight:", tuple(c_attn_weight.shape), "(in, out): used as x @ W")
print("loading GPT-2 weights into nn.Linear or in_proj_weight needs a transpose")
