import warnings

import torch
from torch.ao.quantization import PerChannelMinMaxObserver

torch.set_num_threads(1)
# quantized tensors (part 3) warn that they are deprecated: pitfalls.py shows it
warnings.filterwarnings("ignore", message="torch.quantize_per_tensor")


# --- quantization from scratch
def fake_quant(w, scale, zero_point, axis, qmin, qmax):
    """w -> integers q = clamp(round(w / scale) + zero_point, qmin, qmax)
    -> back to floats (q - zero_point) * scale.

    One scale and one zero point per slice of w along `axis` (per channel)."""
    shape = [1] * w.dim()
    shape[axis] = -1  # e.g. (C, 1) for axis 0 of a matrix: broadcast along the rows
    scale, zero_point = scale.reshape(shape), zero_point.reshape(shape)
    q = torch.round(w * (1.0 / scale)) + zero_point  # nearest integer, ties to even
    q = q.clamp(qmin, qmax)
    return (q - zero_point) * scale, q


def symmetric_params(w, axis, bits):
    """absmax: the largest |w| of each channel becomes qmax; zero point 0."""
    qmax = 2 ** (bits - 1) - 1  # 127 for int8, 7 for int4
    others = [d for d in range(w.dim()) if d != axis]  # reduce over all but axis
    scale = w.abs().amax(dim=others) / qmax
    return scale, torch.zeros_like(scale, dtype=torch.int32), -qmax, qmax


def asymmetric_params(w, axis, bits):
    """min-max: [min(w, 0), max(w, 0)] of each channel becomes [0, 2**bits - 1]."""
    qmin, qmax = 0, 2**bits - 1  # 0..255 for uint8, 0..15 for uint4
    others = [d for d in range(w.dim()) if d != axis]
    lo = w.amin(dim=others).clamp(max=0)  # the range always holds 0.0 exactly
    hi = w.amax(dim=others).clamp(min=0)
    scale = (hi - lo) / (qmax - qmin)
    zero_point = qmin - torch.round(lo / scale)  # the integer that means 0.0
    return scale, zero_point.to(torch.int32), qmin, qmax


def group_quant(w, group, bits, params=asymmetric_params):
    """Each row of w (out, in) cut into groups of `group` weights, one scale each."""
    rows, cols = w.shape
    wg = w.reshape(rows * cols // group, group)  # one group per row of wg
    scale, zero_point, qmin, qmax = params(wg, 0, bits)
    return fake_quant(wg, scale, zero_point, 0, qmin, qmax)[0].reshape(rows, cols)


# --- end of quantization from scratch


def reference(w, axis, bits, symmetric):
    """PyTorch's own: an observer picks scale and zero point, then fake quantization."""
    if symmetric:  # the restricted range -qmax..qmax, as for absmax scaling
        qmin, qmax, dtype = -(2 ** (bits - 1) - 1), 2 ** (bits - 1) - 1, torch.qint8
        scheme = torch.per_channel_symmetric
    else:
        qmin, qmax, dtype = 0, 2**bits - 1, torch.quint8
        scheme = torch.per_channel_affine
    obs = PerChannelMinMaxObserver(
        ch_axis=axis, dtype=dtype, qscheme=scheme, quant_min=qmin, quant_max=qmax
    )
    obs(w)
    scale, zero_point = obs.calculate_qparams()
    out = torch.fake_quantize_per_channel_affine(
        w, scale, zero_point.to(torch.int32), axis, qmin, qmax
    )
    return scale, zero_point, out


# 1. scales, zero points and dequantized weights against observer + fake quantization:
# 3 seeds, 4 shapes (square first), every axis, 8 and 4 bits, symmetric and asymmetric
n = 0
for seed in range(3):
    g = torch.Generator().manual_seed(seed)
    for shape in [(6, 6), (4, 9), (9, 4), (3, 5, 7)]:
        spread = torch.rand(shape[0], *[1] * (len(shape) - 1), generator=g) * 3
        w = torch.randn(shape, generator=g) * spread  # channels of different sizes
        w[0] = w[0].abs() + 0.1  # a channel with no negative weight
        w.view(-1)[torch.randint(0, w.numel(), (1,), generator=g)] *= 8  # an outlier
        for axis in range(w.dim()):
            for bits in (8, 4):
                for symmetric in (True, False):
                    params = symmetric_params if symmetric else asymmetric_params
                    scale, zero_point, qmin, qmax = params(w, axis, bits)
                    mine, q = fake_quant(w, scale, zero_point, axis, qmin, qmax)
                    s_ref, z_ref, theirs = reference(w, axis, bits, symmetric)
                    torch.testing.assert_close(scale, s_ref)
                    torch.testing.assert_close(zero_point, z_ref.to(torch.int32))
                    torch.testing.assert_close(mine, theirs, rtol=0, atol=0)
                    n += 1
print(f"{n} cases: scale, zero point == PerChannelMinMaxObserver; dequantized ==")
print("  torch.fake_quantize_per_channel_affine, bit for bit")

# 2. given scales and zero points, small enough that the clamp matters, and exact ties
g = torch.Generator().manual_seed(3)
for axis in (0, 1):
    for qmin, qmax in [(-128, 127), (-8, 7), (0, 15)]:
        w = torch.randn(5, 7, generator=g)
        shrink = torch.rand(w.shape[axis], generator=g) * 0.5 + 0.3
        scale = shrink * 6 / (qmax - qmin)  # the range covers less than +-3
        zero_point = torch.randint(qmin, qmax + 1, (w.shape[axis],), generator=g)
        zero_point = zero_point.to(torch.int32)
        mine, q = fake_quant(w, scale, zero_point, axis, qmin, qmax)
        theirs = torch.fake_quantize_per_channel_affine(
            w, scale, zero_point, axis, qmin, qmax
        )
        torch.testing.assert_close(mine, theirs, rtol=0, atol=0)
        assert (q == qmin).any() or (q == qmax).any()  # some weights were clamped
pow2 = torch.tensor([0.25, 0.5, 1.0, 2.0])  # scales whose products are exact
ties = (torch.arange(-6, 6) + 0.5).repeat(4, 1) * pow2[:, None]  # k + 1/2 steps
zero = torch.zeros(4, dtype=torch.int32)
for qmin, qmax in [(-128, 127), (-8, 7)]:
    mine, q = fake_quant(ties, pow2, zero, 0, qmin, qmax)
    theirs = torch.fake_quantize_per_channel_affine(ties, pow2, zero, 0, qmin, qmax)
    torch.testing.assert_close(mine, theirs, rtol=0, atol=0)
print("given scales (clamping), exact ties: == torch.fake_quantize_per_channel_affine")
print("  w / scale:", (ties[0] / pow2[0]).tolist())
print("  torch    :", (theirs[0] / pow2[0]).int().tolist(), "(ties to even)")

# 3. the int8 integers themselves, against a quantized tensor's int_repr()
for seed in range(3):
    g = torch.Generator().manual_seed(seed)
    w = torch.randn(8, 16, generator=g) * torch.rand(8, 1, generator=g)
    for axis, symmetric in [(0, True), (1, True), (0, False), (1, False)]:
        params = symmetric_params if symmetric else asymmetric_params
        scale, zero_point, qmin, qmax = params(w, axis, 8)
        mine, q = fake_quant(w, scale, zero_point, axis, qmin, qmax)
        qt = torch.quantize_per_channel(
            w, scale.double(), zero_point.long(), axis,
            torch.qint8 if symmetric else torch.quint8,
        )
        assert torch.equal(q.to(torch.int32), qt.int_repr().to(torch.int32))
        torch.testing.assert_close(mine, qt.dequantize(), rtol=0, atol=0)
print("int8 integers q == torch.quantize_per_channel(...).int_repr()")

# 4. groups: every group of g weights of a row against a per-row fake quantization
for group in (4, 8):
    g = torch.Generator().manual_seed(group)
    w = torch.randn(6, 16, generator=g) * torch.rand(6, 16, generator=g)
    for symmetric in (True, False):
        params = symmetric_params if symmetric else asymmetric_params
        mine = group_quant(w, group, 4, params)
        theirs = torch.cat(
            [
                reference(w[:, k : k + group].contiguous(), 0, 4, symmetric)[2]
                for k in range(0, w.shape[1], group)
            ],
            dim=1,
        )
        torch.testing.assert_close(mine, theirs, rtol=0, atol=0)
print("int4, groups of 4 and 8 along each row == the same, one block at a time")
