import torch

torch.set_num_threads(1)


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

g = torch.Generator().manual_seed(0)
W = torch.randn(3, 8, generator=g) * torch.tensor([[0.1], [0.5], [2.0]])  # (out, in)
W[2, 5] = -6.0  # an outlier in row 2
print("W (3 output channels x 8 inputs):")
print(W)

scale, zp, qmin, qmax = symmetric_params(W, axis=0, bits=8)
W8, q8 = fake_quant(W, scale, zp, 0, qmin, qmax)
print(f"\nint8 symmetric, per channel: range [{qmin}, {qmax}], scale per row", scale)
print("integers q:\n", q8.int())
print("largest error per row:", (W8 - W).abs().amax(dim=1), "(at most scale / 2)")

scale, zp, qmin, qmax = asymmetric_params(W, axis=0, bits=4)
W4, q4 = fake_quant(W, scale, zp, 0, qmin, qmax)
print(f"\nint4 asymmetric, per channel: range [{qmin}, {qmax}], scales", scale)
print("zero points", zp)
print("integers q:\n", q4.int())
print("largest error per row:", (W4 - W).abs().amax(dim=1))

Wg = group_quant(W, group=4, bits=4)
print("\nint4 asymmetric, groups of 4: largest error per row:",
      (Wg - W).abs().amax(dim=1))
print("row 2, first group (no outlier):", W[2, :4], "->", Wg[2, :4], sep="\n")
