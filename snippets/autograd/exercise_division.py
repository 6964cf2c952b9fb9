import math

import torch

torch.set_num_threads(1)


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


# The answer: a power with a constant exponent, and division built from it.
def power(self, k):  # k: a plain number
    out = Value(self.data**k, (self,))

    def backward_step():
        self.grad += k * self.data ** (k - 1) * out.grad  # d x^k / dx = k x^(k-1)

    out.backward_step = backward_step
    return out


Value.__pow__ = power
Value.__truediv__ = lambda self, other: self * other**-1  # a / b = a * b^-1


# p_y for the target 'm' from 27 random logits, softmax written with a division.
chars = ".abcdefghijklmnopqrstuvwxyz"
y = chars.index("m")
z0 = torch.randn(27, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
z = [Value(v) for v in z0.tolist()]
exps = [v.exp() for v in z]
p_y = exps[y] / sum(exps)
p_y.backward()
mine = torch.tensor([v.grad for v in z], dtype=torch.float64)

zt = z0.clone().requires_grad_(True)
torch.softmax(zt, dim=0)[y].backward()
torch.testing.assert_close(mine, zt.grad)
p = torch.softmax(z0, dim=0)
torch.testing.assert_close(mine, p[y] * (torch.eye(27, dtype=torch.float64)[y] - p))
assert mine[y] > 0 and (mine[torch.arange(27) != y] < 0).all()
print(f"p('m') = {p_y.data:.4f}; its 27 gradients == torch == p_y (e_y - p)")
print(f"d p_y / d z_y = {mine[y]:.4f}, every other entry negative:",
      bool((mine[torch.arange(27) != y] < 0).all()))
