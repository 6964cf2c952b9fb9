# timing: seconds on the machine that builds this site (1 CPU thread); yours differ.
import time

import matplotlib.pyplot as plt
import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
# A bigger model than the names GPT, with random weights (the cost does not depend
# on them): 4 blocks of width 256, 8 heads.
d, H, L, V = 256, 8, 4, 1000
blocks = [
    nn.ModuleDict(
        {
            "ln1": nn.LayerNorm(d),
            "qkv": nn.Linear(d, 3 * d),
            "proj": nn.Linear(d, d),
            "ln2": nn.LayerNorm(d),
            "mlp": nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d)),
        }
    )
    for _ in range(L)
]
head = nn.Linear(d, V)


@torch.no_grad()
def forward(x, cache=None):
    """x: (T, d) new token vectors; cache: per block, (K, V) of earlier tokens."""
    T = x.shape[0]
    for i, b in enumerate(blocks):
        q, k, v = (
            t.view(T, H, -1).transpose(0, 1) for t in b["qkv"](b["ln1"](x)).split(d, -1)
        )
        if cache is not None:
            k, v = torch.cat([cache[i][0], k], 1), torch.cat([cache[i][1], v], 1)
        mask = None if cache is not None else torch.ones(T, T).tril().bool()
        a = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        x = x + b["proj"](a.transpose(0, 1).reshape(T, d))
        x = x + b["mlp"](b["ln2"](x))
    return head(x[-1])


def best_of(fn, repeat=10):
    fn()  # a first call allocates and warms caches: not timed
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


lengths = [16, 32, 64, 128, 256, 512]
without, with_cache = [], []
for T in lengths:
    x = torch.randn(T, d)
    cache = [
        (torch.randn(H, T - 1, d // H), torch.randn(H, T - 1, d // H)) for _ in range(L)
    ]
    without.append(best_of(lambda: forward(x)))  # recompute everything
    with_cache.append(best_of(lambda: forward(x[-1:], cache)))  # the new token only
    print(
        f"length {T:5}: next token without cache {without[-1] * 1e3:7.2f} ms, "
        f"with cache {with_cache[-1] * 1e3:6.2f} ms "
        f"({without[-1] / with_cache[-1]:.0f}x)"
    )

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(
    lengths, [t * 1e3 for t in without], "o-", label="without cache: whole prefix again"
)
ax.plot(
    lengths,
    [t * 1e3 for t in with_cache],
    "o-",
    label="with KV cache: the new token only",
)
ax.set_xscale("log", base=2)
ax.set_yscale("log")
ax.set_xlabel("tokens so far")
ax.set_ylabel("milliseconds per generated token")
ax.set_title("Generating one token, on this site's build machine (1 CPU thread)")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
