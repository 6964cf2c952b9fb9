import torch
import torch.nn.functional as F

torch.manual_seed(0)
# A one-block model at the names model's sizes, on one name: tokens -> vectors x
# (T, d_model) -> layer norm -> one attention head -> linear layer -> logits z
# (T, V) -> cross-entropy. Forward with PyTorch; backward by hand, layer by layer.
chars = ".abcdefghijklmnopqrstuvwxyz"
name = "." + "emma" + "."
tokens = torch.tensor([chars.index(c) for c in name])
xs, ys = tokens[:-1], tokens[1:]  # inputs and next-token targets, T = 5
V, d_model, d_k = 27, 48, 12
E = torch.randn(V, d_model)  # token embeddings (fixed here)
gain, b = 1 + 0.1 * torch.randn(d_model), 0.1 * torch.randn(d_model)
W_qkv, b_qkv = torch.randn(3 * d_k, d_model) / d_model**0.5, torch.zeros(3 * d_k)
W_out, b_out = torch.randn(V, d_k) / d_k**0.5, torch.zeros(V)
T = len(xs)
M = torch.full((T, T), float("-inf")).triu(1)  # causal mask


# --- the gradients by hand
def cross_entropy_backward(z, y):  # z (N, V) logits, y (N,) targets; L = mean -log p
    p = z.softmax(dim=-1)
    p[torch.arange(len(y)), y] -= 1  # p - one-hot
    return p / len(y)  # the mean's 1/N


def linear_backward(x, W, y_bar):  # y = x W^T + b; x (N, d_in), W (d_out, d_in)
    return y_bar @ W, y_bar.T @ x, y_bar.sum(dim=0)  # x_bar, W_bar, b_bar


def layer_norm_backward(x, gain, y_bar, eps=1e-5):  # y = gain * x_hat + b; x (..., d)
    mu = x.mean(dim=-1, keepdim=True)
    rstd = ((x - mu).pow(2).mean(dim=-1, keepdim=True) + eps).rsqrt()  # 1 / sigma
    x_hat = (x - mu) * rstd
    h = y_bar * gain  # the gradient with respect to x_hat
    mean = lambda t: t.mean(dim=-1, keepdim=True)
    x_bar = rstd * (h - mean(h) - x_hat * mean(h * x_hat))
    rows = lambda t: t.reshape(-1, t.shape[-1])  # (..., d) -> (rows, d)
    return x_bar, rows(y_bar * x_hat).sum(dim=0), rows(y_bar).sum(dim=0)


def attention_backward(q, k, v, mask, o_bar):  # o = softmax(q k^T / sqrt(d_k) + M) v
    d_k = q.shape[-1]
    a = (q @ k.transpose(-2, -1) / d_k**0.5 + mask).softmax(dim=-1)  # (T, T)
    a_bar = o_bar @ v.transpose(-2, -1)
    s_bar = a * (a_bar - (a_bar * a).sum(dim=-1, keepdim=True))  # softmax's Jacobian
    q_bar = s_bar @ k / d_k**0.5
    k_bar = s_bar.transpose(-2, -1) @ q / d_k**0.5
    return q_bar, k_bar, a.transpose(-2, -1) @ o_bar  # q_bar, k_bar, v_bar


# --- end of the gradients by hand


# Forward, keeping what the backward pass needs.
x = E[xs]  # (T, d_model)
h = F.layer_norm(x, (d_model,), gain, b, eps=1e-5)  # (T, d_model)
q, k, v = F.linear(h, W_qkv, b_qkv).split(d_k, dim=-1)  # 3 x (T, d_k)
a = (q @ k.T / d_k**0.5 + M).softmax(dim=-1)  # (T, T)
o = a @ v  # (T, d_k)
z = F.linear(o, W_out, b_out)  # (T, V)
loss = F.cross_entropy(z, ys)
print(f"loss {loss:.4f}")

# Backward: the chain rule, from the loss back to the embeddings.
z_bar = cross_entropy_backward(z, ys)  # (T, V): (p - one-hot) / T
o_bar, W_out_bar, b_out_bar = linear_backward(o, W_out, z_bar)
q_bar, k_bar, v_bar = attention_backward(q, k, v, M, o_bar)
qkv_bar = torch.cat([q_bar, k_bar, v_bar], dim=-1)  # (T, 3 d_k)
h_bar, W_qkv_bar, b_qkv_bar = linear_backward(h, W_qkv, qkv_bar)
x_bar, gain_bar, b_bar = layer_norm_backward(x, gain, h_bar)
for label, t in [
    ("z_bar", z_bar),
    ("W_out_bar", W_out_bar),
    ("o_bar", o_bar),
    ("q_bar", q_bar),
    ("W_qkv_bar", W_qkv_bar),
    ("h_bar", h_bar),
    ("gain_bar", gain_bar),
    ("x_bar", x_bar),
]:
    print(f"{label:9} {str(tuple(t.shape)):9} norm {t.norm():.4f}")
row_sums = z_bar.sum(dim=-1)
print("each row of z_bar sums to", [round(r, 6) + 0 for r in row_sums.tolist()])
print(
    "z_bar[0] at the target 'e':", f"{z_bar[0, chars.index('e')]:.4f}", "= (p - 1) / T"
)

# The whole chain against autograd's loss.backward() on the same forward pass.
leaves = [t.requires_grad_(True) for t in (x, gain, W_qkv, W_out)]
h = F.layer_norm(x, (d_model,), gain, b, eps=1e-5)
q, k, v = F.linear(h, W_qkv, b_qkv).split(d_k, dim=-1)
z = F.linear((q @ k.T / d_k**0.5 + M).softmax(dim=-1) @ v, W_out, b_out)
F.cross_entropy(z, ys).backward()
for mine, leaf in zip((x_bar, gain_bar, W_qkv_bar, W_out_bar), leaves):
    torch.testing.assert_close(mine, leaf.grad)
print("x_bar, gain_bar, W_qkv_bar, W_out_bar == loss.backward() (float32)")
