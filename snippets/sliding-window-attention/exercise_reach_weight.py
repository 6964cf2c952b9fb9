import torch

torch.set_num_threads(1)
T, W = 16, 4
p = torch.arange(T)
window = (p[None, :] <= p[:, None]) & (p[None, :] > p[:, None] - W)
A = window.double() / window.sum(dim=1, keepdim=True)  # uniform over each window

# L layers of uniform attention, no residual connection: the output is A^L X.
for L in (1, 2, 3):
    R = torch.linalg.matrix_power(A, L)
    far = T - 1 - L * (W - 1)  # the farthest token query T - 1 reaches
    assert R[T - 1, :far].sum() == 0  # nothing beyond it
    assert abs(R[T - 1, far].item() - W ** (-L)) < 1e-15  # one path, 1 / W a hop
    print(f"{L} layer(s): weight of the token {L * (W - 1)} back: "
          f"{R[T - 1, far].item():.6f} = 1 / {W}^{L}")
print(f"Mistral 7B, 32 layers of W = 4096: 4096^-32 = 2^-{32 * 12}")
