import math

import torch


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


chars = ".abcdefghijklmnopqrstuvwxyz"
names = open("names.txt").read().splitlines()[:4]
pairs = [
    (chars.index(a), chars.index(b)) for w in names for a, b in zip("." + w, w + ".")
]
print(f"{len(pairs)} bigrams of {names}")

g = torch.Generator().manual_seed(2147483647)
W = [[Value(v) for v in row] for row in torch.randn(27, 27, generator=g).tolist()]
for step in range(30):
    loss = bigram_loss(W, pairs)
    for row in W:  # zero the gradients
        for w in row:
            w.grad = 0.0
    loss.backward()
    for row in W:  # gradient descent
        for w in row:
            w.data -= 10 * w.grad
    if step % 10 == 0 or step == 29:
        print(f"step {step:2}: loss {loss.data:.4f}")
e, m = chars.index("e"), chars.index("m")
print(f"gradient of W[e][m] at the last step: {W[e][m].grad:.4f}")
