import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)  # float64: differences are rounding, not bugs
g = torch.Generator().manual_seed(0)
rand = lambda *shape: torch.randn(*shape, generator=g)


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


def autograd(f, inputs, out_bar=None):  # PyTorch's gradients of f at inputs
    inputs = [t.clone().requires_grad_(True) for t in inputs]
    out = f(*inputs)
    return torch.autograd.grad(out, inputs, out_bar)


def causal(T):  # M: 0 where a query may look, -inf above the diagonal
    return torch.full((T, T), float("-inf")).triu(1)


# 1. Against torch.autograd.grad, on the names model's shapes (V = 27, d_model = 48,
#    H = 4 heads of d_k = 12, T = 16, B = 2 names: N = B T = 32 rows) and odd ones.
for N, V in ((32, 27), (5, 27), (1, 3)):
    z, y = rand(N, V) * 3, torch.randint(0, V, (N,), generator=g)
    (z_bar,) = autograd(lambda z: F.cross_entropy(z, y), [z])
    torch.testing.assert_close(cross_entropy_backward(z, y), z_bar)
for N, d_in, d_out in ((32, 48, 27), (32, 48, 144), (5, 6, 6)):
    x, W, b, y_bar = rand(N, d_in), rand(d_out, d_in), rand(d_out), rand(N, d_out)
    theirs = autograd(F.linear, [x, W, b], y_bar)
    for mine, their in zip(linear_backward(x, W, y_bar), theirs):
        torch.testing.assert_close(mine, their)
for shape, scale in (((2, 16, 48), 1.0), ((5, 6), 0.01)):  # 0.01: sigma^2 near eps
    d = shape[-1]
    x, gain, b, y_bar = rand(*shape) * scale + 1, rand(d), rand(d), rand(*shape)
    ln = lambda x, gain, b: F.layer_norm(x, (d,), gain, b, eps=1e-5)
    theirs = autograd(ln, [x, gain, b], y_bar)
    for mine, their in zip(layer_norm_backward(x, gain, y_bar), theirs):
        torch.testing.assert_close(mine, their)
for shape, mask in (((2, 4, 16, 12), causal(16)), ((5, 3), torch.zeros(5, 5))):
    q, k, v, o_bar = rand(*shape), rand(*shape), rand(*shape), rand(*shape)
    sdpa = lambda q, k, v: F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    theirs = autograd(sdpa, [q, k, v], o_bar)
    for mine, their in zip(attention_backward(q, k, v, mask, o_bar), theirs):
        torch.testing.assert_close(mine, their)
print("== torch.autograd.grad: cross-entropy, linear, layer norm, attention (float64)")


# 2. torch.autograd.gradcheck: each hand-written backward as the backward of a
#    torch.autograd.Function, compared with finite differences of its forward.
def as_function(forward, backward):
    class Hand(torch.autograd.Function):
        @staticmethod
        def forward(ctx, *inputs):
            ctx.save_for_backward(*inputs)
            return forward(*inputs)

        @staticmethod
        def backward(ctx, out_bar):
            return backward(*ctx.saved_tensors, out_bar)

    return Hand.apply


y = torch.tensor([3, 0, 1, 2])
pieces = {
    "cross-entropy": (
        lambda z: F.cross_entropy(z, y),
        lambda z, L_bar: L_bar * cross_entropy_backward(z, y),
        [rand(4, 5)],
    ),
    "linear": (
        F.linear,
        lambda x, W, b, y_bar: linear_backward(x, W, y_bar),
        [rand(3, 4), rand(2, 4), rand(2)],
    ),
    "layer norm": (
        lambda x, gain, b: F.layer_norm(x, (5,), gain, b, eps=1e-5),
        lambda x, gain, b, y_bar: layer_norm_backward(x, gain, y_bar),
        [rand(3, 5), rand(5), rand(5)],
    ),
    "attention": (
        lambda q, k, v: F.scaled_dot_product_attention(q, k, v, attn_mask=causal(4)),
        lambda q, k, v, o_bar: attention_backward(q, k, v, causal(4), o_bar),
        [rand(4, 3), rand(4, 3), rand(4, 3)],
    ),
}
for name, (forward, backward, inputs) in pieces.items():
    inputs = [t.requires_grad_(True) for t in inputs]
    ok = torch.autograd.gradcheck(
        as_function(forward, backward), inputs, raise_exception=False
    )
    assert ok, name
    print(f"gradcheck {name:13}: hand-written backward == finite differences")
