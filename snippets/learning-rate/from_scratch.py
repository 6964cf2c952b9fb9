import math


# --- the schedule from scratch
def lr_at(t, warmup, total, peak, floor):
    """Linear warmup from peak / warmup to peak, then cosine decay to floor at total."""
    if t < warmup:
        return peak * (t + 1) / warmup
    progress = (t - warmup) / (total - warmup)  # 0 -> 1
    return floor + (peak - floor) * 0.5 * (1 + math.cos(math.pi * progress))


# --- end of the schedule from scratch

# t_warmup = 10 warmup steps, t_total = 50 steps, peak 1e-3, floor 1e-4
for t in (0, 1, 4, 9, 10, 20, 30, 40, 49, 50):
    print(f"step {t:2d}: lr {lr_at(t, 10, 50, 1e-3, 1e-4):.6f}")
