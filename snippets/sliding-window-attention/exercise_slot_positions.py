import torch

torch.set_num_threads(1)
W, H, d_k = 5, 1, 2
ring = {"k": torch.zeros(H, W, d_k), "pos": torch.full((W,), -1)}  # -1: empty

for t in range(23):  # decoding: position t is written to slot t % W
    ring["k"][:, t % W] = torch.randn(H, d_k)
    ring["pos"][t % W] = t
    # By hand: slot s holds the latest position j <= t with j % W == s.
    s = torch.arange(W)
    latest = t - (t - s) % W  # negative: no such position yet, the slot is empty
    assert torch.equal(torch.where(latest >= 0, latest, -1), ring["pos"])
    if t in (2, 4, 7, 22):
        print(f"after position {t:2}: stored {ring['pos'].tolist()}, "
              f"t - (t - s) % W gives {latest.tolist()}")
