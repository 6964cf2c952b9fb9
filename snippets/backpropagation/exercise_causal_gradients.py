import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(0)


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


T, d_k = 5, 12  # one head over ".emma"
q, k, v, o_bar = (torch.randn(T, d_k, generator=g) for _ in range(4))
M = torch.full((T, T), float("-inf")).triu(1)  # causal mask
q_bar, k_bar, v_bar = attention_backward(q, k, v, M, o_bar)

a = (q @ k.T / d_k**0.5 + M).softmax(dim=-1)
s_bar = a * (o_bar @ v.T - ((o_bar @ v.T) * a).sum(dim=-1, keepdim=True))
assert (s_bar.triu(1) == 0).all()  # a masked score gets no gradient
assert (q_bar[0] == 0).all()  # the first query sees one key: its weight is always 1
torch.testing.assert_close(k_bar[-1], s_bar[-1, -1] * q[-1] / d_k**0.5)  # one query
torch.testing.assert_close(v_bar[-1], a[-1, -1] * o_bar[-1])  # sees the last key
torch.testing.assert_close(k_bar.sum(dim=0), torch.zeros(d_k))  # rows of s_bar sum to 0

leaves = [t.clone().requires_grad_(True) for t in (q, k, v)]
F.scaled_dot_product_attention(*leaves, is_causal=True).backward(o_bar)
for mine, leaf in zip((q_bar, k_bar, v_bar), leaves):
    torch.testing.assert_close(mine, leaf.grad)
print("|q_bar| by position:", [round(x, 4) for x in q_bar.norm(dim=-1).tolist()])
print("|k_bar| by position:", [round(x, 4) for x in k_bar.norm(dim=-1).tolist()])
print("q_bar[0] == 0; k_bar[-1], v_bar[-1] from the last query alone;",
      "the k_bar sum to 0; all == autograd")
