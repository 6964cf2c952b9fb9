import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
lengths, d_k = (3, 4), 8  # two documents packed into one row of T = 7 tokens
T = sum(lengths)
q, k, v = (torch.randn(T, d_k, generator=g) for _ in range(3))

# By hand: query i may see key j if j <= i and both tokens are in the same document.
doc = torch.repeat_interleave(torch.arange(len(lengths)), torch.tensor(lengths))
same_doc = doc[:, None] == doc[None, :]
allowed = torch.tril(torch.ones(T, T, dtype=torch.bool)) & same_doc
print(allowed.int())
n_allowed = int(allowed.sum())
assert n_allowed == 3 * 4 // 2 + 4 * 5 // 2 == 16
print(f"allowed entries: {n_allowed} of {T * T}",
      f"(the causal mask alone: {T * (T + 1) // 2})")
packed = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)

# Each document on its own, with an ordinary causal mask:
alone = torch.cat([F.scaled_dot_product_attention(qd, kd, vd, is_causal=True)
                   for qd, kd, vd in zip(q.split(lengths), k.split(lengths),
                                         v.split(lengths))])
torch.testing.assert_close(packed, alone)

# The causal mask alone: the first document is right, the second reads the first.
causal = F.scaled_dot_product_attention(q, k, v, is_causal=True)
right = ((causal - alone).abs().amax(dim=-1) < 1e-6).tolist()
print("outputs the causal mask alone gets right:", right)
assert right == [True] * 3 + [False] * 4
