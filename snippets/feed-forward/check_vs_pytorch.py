import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from transformers import GPT2Config, LlamaConfig
from transformers.models.gpt2.modeling_gpt2 import GPT2MLP
from transformers.models.llama.modeling_llama import LlamaMLP


# --- the feed-forward networks from scratch
def gelu(z):                              # exact: z * Phi(z), Phi the normal CDF
    return z * 0.5 * (1 + torch.erf(z / math.sqrt(2)))


def gelu_tanh(z):                         # GPT-2's tanh approximation
    return 0.5 * z * (1 + torch.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z**3)))


def silu(z):                              # z * sigmoid(z), also called Swish
    return z / (1 + torch.exp(-z))


def mlp(x, W1, b1, W2, b2, act):          # GPT-2: expand, activation, project back
    return act(x @ W1 + b1) @ W2 + b2


def swiglu(x, W_gate, W_up, W_down):      # Llama: SiLU of the gate times up, down
    return (silu(x @ W_gate) * (x @ W_up)) @ W_down


# --- end of the feed-forward networks from scratch

z = torch.linspace(-6, 6, 1001)
torch.testing.assert_close(gelu(z), F.gelu(z))                          # default
torch.testing.assert_close(gelu(z), nn.GELU()(z))
torch.testing.assert_close(gelu_tanh(z), F.gelu(z, approximate="tanh"))  # GPT-2's
torch.testing.assert_close(silu(z), F.silu(z))                           # SiLU
print("gelu == F.gelu, gelu_tanh == F.gelu(approximate='tanh'), silu == F.silu")

torch.manual_seed(0)
with torch.no_grad():
    for d_model, d_ff in ((16, 64), (24, 40)):
        x = torch.randn(2, 5, d_model)                          # (B, T, d_model)
        # GPT-2's MLP in transformers: two Conv1D layers, weights stored (in, out).
        gpt2 = GPT2MLP(d_ff, GPT2Config(n_embd=d_model, activation_function="gelu_new",
                                        resid_pdrop=0.0)).eval()
        for p in gpt2.parameters():                             # non-zero biases too
            p.normal_(0.0, 0.5)
        W1, b1 = gpt2.c_fc.weight, gpt2.c_fc.bias               # (d_model, d_ff)
        W2, b2 = gpt2.c_proj.weight, gpt2.c_proj.bias           # (d_ff, d_model)
        torch.testing.assert_close(mlp(x, W1, b1, W2, b2, act=gelu_tanh), gpt2(x))
        # The same weights in nn.Linear, which stores (out, in): transpose them.
        seq = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(),
                            nn.Linear(d_ff, d_model))
        seq[0].weight.copy_(W1.T)
        seq[0].bias.copy_(b1)
        seq[2].weight.copy_(W2.T)
        seq[2].bias.copy_(b2)
        torch.testing.assert_close(mlp(x, W1, b1, W2, b2, act=gelu), seq(x))

        # Llama's SwiGLU in transformers: gate_proj, up_proj, down_proj (nn.Linear).
        cfg = LlamaConfig(hidden_size=d_model, intermediate_size=d_ff,
                          hidden_act="silu", num_attention_heads=4)
        llama = LlamaMLP(cfg)
        for p in llama.parameters():
            p.normal_(0.0, 0.5)
        W_gate, W_up = llama.gate_proj.weight.T, llama.up_proj.weight.T
        W_down = llama.down_proj.weight.T
        torch.testing.assert_close(swiglu(x, W_gate, W_up, W_down), llama(x))
print("MLP by hand == transformers' GPT2MLP (Conv1D) == nn.Sequential(Linear, GELU, "
      "Linear) with the weights transposed")
print("SwiGLU by hand == transformers' LlamaMLP (gate_proj, up_proj, down_proj)")
