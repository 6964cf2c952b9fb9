import math

# The names GPT's learning-rate multiplier (train.py) against the schedule of the
# learning-rate page, warmup *then* cosine, with the same numbers: peak 1, floor 0.1,
# 100 warmup steps, 1500 steps.
STEPS, WARMUP, FLOOR = 1500, 100, 0.1  # t_total, t_warmup, floor


def names_gpt(s):  # train.py: the warmup ramp *times* the cosine, from step 0
    return min(1.0, (s + 1) / WARMUP) * (
        FLOOR + 0.45 * (1 + math.cos(math.pi * min(s, STEPS) / STEPS))
    )


def page(s):  # the learning-rate page: ramp to the peak, then a cosine from it
    if s < WARMUP:
        return (s + 1) / WARMUP
    progress = (s - WARMUP) / (STEPS - WARMUP)
    return FLOOR + (1 - FLOOR) * 0.5 * (1 + math.cos(math.pi * progress))


ours, theirs = [names_gpt(s) for s in range(STEPS)], [page(s) for s in range(STEPS)]
gap = [abs(a - b) for a, b in zip(ours, theirs)]
worst = max(range(STEPS), key=gap.__getitem__)
print(f"largest multiplier of the names GPT: {max(ours):.4f} "
      f"(step {ours.index(max(ours))}); the page's schedule reaches 1.0000")
print(f"largest gap: {gap[worst]:.1%} of the peak, at step {worst} "
      f"({ours[worst]:.4f} vs {theirs[worst]:.4f})")
print(f"last step: {ours[-1]:.4f} vs {theirs[-1]:.4f}")
