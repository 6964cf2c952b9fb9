import math

import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel
from torch.utils._python_dispatch import TorchDispatchMode


# --- tiled attention
def flash_attention(Q, K, V, causal, b_q, b_k):
    """Attention of Q (..., T, d_k) over K (..., T_k, d_k) and V (..., T_k, d_v),
    one (b_q, b_k) tile of scores at a time; returns the output and the LSE."""
    T, T_k = Q.shape[-2], K.shape[-2]
    O = torch.zeros(*Q.shape[:-1], V.shape[-1])
    lse = torch.zeros(Q.shape[:-1])
    for i in range(0, T, b_q):  # a block of queries
        Qi = Q[..., i : i + b_q, :] / math.sqrt(Q.shape[-1])
        q_pos = torch.arange(i, i + Qi.shape[-2])  # their positions in the sequence
        s_hat = torch.full((*Qi.shape[:-1], 1), float("-inf"))  # running max
        Z = torch.zeros_like(s_hat)  # running sum of exp(score - s_hat)
        acc = torch.zeros(*Qi.shape[:-1], V.shape[-1])  # running sum of weights x V
        for j in range(0, T_k, b_k):  # a block of keys
            if causal and j > q_pos[-1]:
                break  # this block and all after it are in the future
            S = Qi @ K[..., j : j + b_k, :].transpose(-2, -1)  # one tile of scores
            if causal:
                k_pos = torch.arange(j, j + S.shape[-1])
                S = S.masked_fill(k_pos > q_pos[:, None], float("-inf"))
            s_new = torch.maximum(s_hat, S.amax(dim=-1, keepdim=True))
            P = torch.exp(S - s_new)
            alpha = torch.exp(s_hat - s_new)  # rescales everything summed so far
            Z = alpha * Z + P.sum(dim=-1, keepdim=True)
            acc = alpha * acc + P @ V[..., j : j + b_k, :]
            s_hat = s_new
        O[..., i : i + b_q, :] = acc / Z  # divide once, at the end
        lse[..., i : i + b_q] = (s_hat + torch.log(Z)).squeeze(-1)
    return O, lse


# --- end of tiled attention


class LargestTensor(TorchDispatchMode):
    """Sees every tensor operation PyTorch dispatches and keeps the largest result."""

    def __enter__(self):
        self.nbytes, self.shape, self.op = 0, None, None
        return super().__enter__()

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for t in out if isinstance(out, (tuple, list)) else [out]:
            if isinstance(t, torch.Tensor) and t.nbytes > self.nbytes:
                self.nbytes, self.shape, self.op = t.nbytes, tuple(t.shape), func
        return out


def textbook(Q, K, V):  # the whole (T, T) matrix, causal
    S = Q @ K.transpose(-2, -1) / math.sqrt(Q.shape[-1])
    T = S.shape[-1]
    S = S.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
    return torch.softmax(S, dim=-1) @ V


def sdpa_math(Q, K, V):
    with sdpa_kernel(SDPBackend.MATH):  # PyTorch's reference path
        return F.scaled_dot_product_attention(Q, K, V, is_causal=True)


def sdpa_default(Q, K, V):
    return F.scaled_dot_product_attention(Q, K, V, is_causal=True)


def tiled(Q, K, V):
    return flash_attention(Q, K, V, causal=True, b_q=128, b_k=128)[0]


# Counted: float32 scores of one head, all at once or one 128 x 128 tile at a time
print("one head, float32    full (T, T) scores   one (128, 128) tile")
for T in (1024, 4096, 32768, 131072):
    full, tile = T * T * 4 / 2**20, 128 * 128 * 4 / 2**10
    print(f"T = {T:6}: {full:14,.0f} MiB {tile:14.0f} KiB")

# Measured: the largest tensor each way of computing causal attention creates
# (one head, d_k = 64), seen by a TorchDispatchMode.
g = torch.Generator().manual_seed(0)
print("\nlargest tensor created (bytes, shape, operation), one head, d_k = 64:")
for T in (256, 1024, 2048):
    Q, K, V = (torch.randn(1, 1, T, 64, generator=g) for _ in range(3))
    print(f"T = {T}: (T, T) float32 would be {T * T * 4:,} bytes")
    ways = (("textbook", textbook), ("SDPA, MATH backend", sdpa_math),
            ("SDPA, default on CPU", sdpa_default), ("tiled, 128 x 128", tiled))
    for name, fn in ways:
        with LargestTensor() as seen:
            fn(Q, K, V)
        print(f"  {name:21} {seen.nbytes:12,}  {str(seen.shape):20} {seen.op}")

# Not seen above: the CPU kernel's scratch buffer, allocated inside its C++ code, one
# per thread. Counted from size_per_thread in cpu_flash_attention
# (aten/src/ATen/native/cpu/FlashAttentionKernel.cpp), float32: a tile of b_q x b_k
# scores, a running max and a running sum per query, and a (b_q, d_k) accumulator, with
# b_q = 256 queries for T >= 768 (64 for 192 <= T < 768) and b_k = 512 keys (at most T).
def scratch_bytes(T, d_k=64):
    b_q, b_k = (256 if T >= 768 else 64), min(512, T)
    return (b_q * b_k + 2 * b_q + b_q * d_k) * 4


print("CPU kernel's scratch buffer, one thread, d_k = 64:",
      ", ".join(f"T = {T}: {scratch_bytes(T):,} bytes" for T in (256, 2048, 131072)))

# In real models: the scores of one layer (all heads, one sequence, bfloat16)
# GPT-2 small https://huggingface.co/openai-community/gpt2/blob/main/config.json
# Llama 2 7B https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json
# Llama 3.1 8B https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/config.json
print("\none layer, all heads, one sequence, bfloat16 scores at the full context:")
for name, T, H in (("GPT-2 small", 1024, 12), ("Llama 2 7B", 4096, 32),
                   ("Llama 3.1 8B", 131072, 32)):
    gib = H * T * T * 2 / 2**30
    print(f"  {name:12} T = {T:6}, H = {H}: {gib:9,.3f} GiB")
