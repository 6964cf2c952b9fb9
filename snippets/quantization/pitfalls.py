import ctypes
import ctypes.util
import warnings

import torch
from torch.ao.quantization import PerChannelMinMaxObserver

torch.set_num_threads(1)

# 1. Rounding a tie: PyTorch rounds to the nearest even integer (C's nearbyint);
#    C's roundf (llama.cpp's Q8_0) goes away from zero; llama.cpp's Q4_0 adds 8.5
#    and converts to an integer, which truncates: x + 0.5 rounded down, half up
x = torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5])
one, zero = torch.ones(1), torch.zeros(1, dtype=torch.int32)
fq = torch.fake_quantize_per_channel_affine(x[None], one, zero, 0, -128, 127)[0]
libm = ctypes.CDLL(ctypes.util.find_library("m"))  # the C maths library itself
libm.roundf.restype, libm.roundf.argtypes = ctypes.c_float, [ctypes.c_float]
print("x                       ", x.tolist())
print("torch.round(x)          ", torch.round(x).tolist())
print("fake_quantize, scale 1  ", fq.tolist())
print("Python round(x)         ", [float(round(v)) for v in x.tolist()])
print("C roundf(x)             ", [libm.roundf(v) for v in x.tolist()])
print("(int)(x + 8.5f) - 8     ", [float(int(v) - 8) for v in (x + 8.5).tolist()])

# 2. PyTorch's default symmetric int8 range is -128..127, so its observer divides the
#    absmax by 127.5: the largest weight lands on 127.5, rounds to 128, is clamped
w = torch.tensor([[0.3, -1.0, 0.6, 0.05]])
obs = PerChannelMinMaxObserver(ch_axis=0, dtype=torch.qint8,
                               qscheme=torch.per_channel_symmetric)
obs(w)
scale, zp = obs.calculate_qparams()
print(f"\nobserver: range [{obs.quant_min}, {obs.quant_max}], scale * 127.5 =",
      f"{(scale * 127.5).item():.4f} = absmax")
back = torch.fake_quantize_per_channel_affine(w, scale, zp.int(), 0, -128, 127)
print(f"-1.0 comes back as {back[0, 1].item():.6f}; with scale absmax / 127:",
      torch.fake_quantize_per_channel_affine(
          w, w.abs().amax(1) / 127, zp.int(), 0, -127, 127)[0, 1].item())

# 3. A channel of zeros has absmax 0: scale 0, and 0 * (1 / 0) is NaN
w = torch.tensor([[0.5, -0.25], [0.0, 0.0]])
scale = w.abs().amax(dim=1) / 127
q = torch.round(w * (1.0 / scale[:, None])).clamp(-127, 127)
print("\nscales", scale.tolist(), "-> zeros come back as", (q * scale[:, None])[1])
obs = PerChannelMinMaxObserver(ch_axis=0, dtype=torch.qint8,
                               qscheme=torch.per_channel_symmetric)
obs(w)
print("the observer clamps the scale to float32's eps:", obs.calculate_qparams()[0])

# 4. fake_quantize_per_channel_affine checks its dtypes and the zero point's range
w = torch.randn(2, 3, generator=torch.Generator().manual_seed(0))
for scale, zp in [
    (torch.ones(2), torch.zeros(2, dtype=torch.int64)),
    (torch.ones(2, dtype=torch.float64), torch.zeros(2, dtype=torch.int32)),
    (torch.ones(2), torch.full((2,), 9, dtype=torch.int32)),
]:
    try:
        torch.fake_quantize_per_channel_affine(w, scale, zp, 0, -8, 7)
    except RuntimeError as e:
        print(f"scale {scale.dtype}, zero point {zp.dtype} {zp[0]}: {e}")

# 5. Quantized tensors (dtype torch.qint8) are deprecated in this PyTorch
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.quantize_per_channel(w, torch.ones(2, dtype=torch.float64),
                               torch.zeros(2, dtype=torch.int64), 0, torch.qint8)
# PyTorch warns once per process: a session that quantized before sees no warning here
said = "(warned earlier in this process)"
if caught:
    said = str(caught[0].message).split(". ")[0]
print(f"\ntorch {torch.__version__}:", said)

# 6. Conventions for the offset: PyTorch's integer zero point makes 0.0 exact; GGUF's
#    Q4_1 stores the minimum m as a float (w = d * q + m), and 0.0 falls between codes
w = torch.tensor([-0.37, -0.1, 0.0, 0.2, 0.81])
d = (w.max() - w.min()) / 15
zp = torch.round(-w.min() / d)  # PyTorch: (q - zp) * d, q = zp gives 0.0
q41 = torch.clamp(torch.floor((w - w.min()) / d + 0.5), 0, 15)  # Q4_1's rounding
print("\nnearest to 0.0 -- integer zero point:", ((zp - zp) * d).item(),
      f"| float minimum (Q4_1): {(q41[2] * d + w.min()).item():.4f}")
