import math

WARMUP, STEPS, PEAK, FLOOR = 10, 50, 1e-3, 1e-4


def lr_at(step):
    """Linear warmup from PEAK / WARMUP to PEAK, then cosine decay to FLOOR at STEPS."""
    if step < WARMUP:
        return PEAK * (step + 1) / WARMUP
    progress = (step - WARMUP) / (STEPS - WARMUP)          # 0 -> 1
    return FLOOR + (PEAK - FLOOR) * 0.5 * (1 + math.cos(math.pi * progress))


for step in (0, 1, 4, 9, 10, 20, 30, 40, 49, 50):
    print(f"step {step:2d}: lr {lr_at(step):.6f}")
