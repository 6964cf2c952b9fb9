import math

import torch
import torch.nn.functional as F


# --- the scalar engine
class Value:
    """A number that remembers how it was computed, so it can pass gradients back."""

    def __init__(self, data, parents=()):
        self.data, self.grad, self.parents = data, 0.0, parents
        self.backward_step = lambda: None  # adds to the parents' .grad

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def backward_step():
            self.grad += out.grad
            other.grad += out.grad

        out.backward_step = backward_step
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def backward_step():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out.backward_step = backward_step
        return out

    __radd__, __rmul__ = __add__, __mul__

    def __sub__(self, other):
        return self + other * -1

    def exp(self):
        out = Value(math.exp(self.data), (self,))

        def backward_step():
            self.grad += out.data * out.grad  # d exp(x) / dx = exp(x)

        out.backward_step = backward_step
        return out

    def log(self):
        out = Value(math.log(self.data), (self,))

        def backward_step():
            self.grad += out.grad / self.data  # d log(x) / dx = 1 / x

        out.backward_step = backward_step
        return out

    def backward(self):
        order, seen = [], set()

        def visit(node):  # depth first: a node after everything it depends on
            if node not in seen:
                seen.add(node)
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):  # from the loss back to the leaves
            node.backward_step()


# --- end of the scalar engine


def bigram_loss(W, pairs):  # W: 27 rows of 27 Values (logits); mean cross-entropy
    total = 0
    for x, y in pairs:
        logits = W[x]
        log_sum_exp = sum(z.exp() for z in logits).log()
        total = total + (log_sum_exp - logits[y])  # -log softmax(logits)[y]
    return total * (1 / len(pairs))


g = torch.Generator().manual_seed(0)

# 1. Small expressions, where a node is used twice, against torch in float64.
expressions = {
    "a*a + a*b": lambda a, b: a * a + a * b,
    "log(a*b) - b": lambda a, b: (a * b).log() - b,
    "exp(a - b)*a + 3": lambda a, b: (a - b).exp() * a + 3,
    "log(exp(a) + exp(b))*b": lambda a, b: (a.exp() + b.exp()).log() * b,
    "2*b - a*exp(b)": lambda a, b: 2 * b - a * b.exp(),
}
for name, f in expressions.items():
    for a0, b0 in torch.rand(3, 2, generator=g, dtype=torch.float64).add(0.5).tolist():
        a, b = Value(a0), Value(b0)
        out = f(a, b)
        out.backward()
        ta, tb = (
            torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (a0, b0)
        )
        f(ta, tb).backward()
        torch.testing.assert_close(
            torch.tensor([out.data, a.grad, b.grad]).double(),
            torch.stack([f(ta, tb).detach(), ta.grad, tb.grad]),
        )
print(f"{len(expressions)} expressions x 3 points: value and gradients == torch")

# 2. The bigram network on a few names: every one of the 27 x 27 gradients.
chars = ".abcdefghijklmnopqrstuvwxyz"
words = open("names.txt").read().splitlines()
for names in (words[:4], words[100:103], ["zoe"]):
    pairs = [
        (chars.index(a), chars.index(b))
        for w in names
        for a, b in zip("." + w, w + ".")
    ]
    xs, ys = torch.tensor(pairs).T
    W0 = torch.randn(27, 27, generator=g, dtype=torch.float64) * 2
    W = [[Value(v) for v in row] for row in W0.tolist()]
    loss = bigram_loss(W, pairs)
    loss.backward()
    Wt = W0.clone().requires_grad_(True)
    loss_t = F.cross_entropy(Wt[xs], ys)
    loss_t.backward()
    mine = torch.tensor([[w.grad for w in row] for row in W], dtype=torch.float64)
    torch.testing.assert_close(mine, Wt.grad)
    torch.testing.assert_close(torch.tensor(loss.data, dtype=torch.float64), loss_t)
    print(
        f"{len(pairs):2} bigrams of {names}: loss {loss.data:.4f},",
        "729 gradients == torch",
    )

# 3. Ten steps of gradient descent with each: the same losses at every step.
pairs = [
    (chars.index(a), chars.index(b))
    for w in words[:4]
    for a, b in zip("." + w, w + ".")
]
xs, ys = torch.tensor(pairs).T
W0 = torch.randn(27, 27, generator=g, dtype=torch.float64)
W = [[Value(v) for v in row] for row in W0.tolist()]
Wt = W0.clone().requires_grad_(True)
for step in range(10):
    loss, loss_t = bigram_loss(W, pairs), F.cross_entropy(Wt[xs], ys)
    for w in (w for row in W for w in row):
        w.grad = 0.0
    loss.backward()
    Wt.grad = None
    loss_t.backward()
    for w in (w for row in W for w in row):
        w.data -= 10 * w.grad
    with torch.no_grad():
        Wt -= 10 * Wt.grad
    torch.testing.assert_close(torch.tensor(loss.data, dtype=torch.float64), loss_t)
print(f"10 steps of gradient descent: the same losses, last {loss.data:.4f}")
