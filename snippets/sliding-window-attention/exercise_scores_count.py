import torch

torch.set_num_threads(1)


def window_mask(T, W):  # (T, T), True where query i may look at key j
    p = torch.arange(T)
    return (p[None, :] <= p[:, None]) & (p[None, :] > p[:, None] - W)


# By hand: the first W queries see 1, 2, ..., W keys, the T - W others W keys each.
def causal_scores(T):
    return T * (T + 1) // 2


def window_scores(T, W):
    return W * (W + 1) // 2 + (T - W) * W if T >= W else causal_scores(T)


for T in range(1, 40):
    for W in range(1, 12):
        assert int(window_mask(T, W).sum()) == window_scores(T, W)
        assert int(window_mask(T, T).sum()) == causal_scores(T)
print("the formula == the number of True entries of the mask, T 1 to 39, W 1 to 11")

T, W = 32768, 4096  # Mistral 7B: its configuration's context, its window
c, w = causal_scores(T), window_scores(T, W)
print(f"T = {T}, W = {W}: causal {c:,} scores per head and layer, "
      f"window {w:,} ({w / c:.1%})")
