import math


def pass_at_k(n, c, k):  # the page's estimator
    if n - c < k:
        return 1.0
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def mean_pass_at_k(ns, cs, k):
    return sum(pass_at_k(n, c, k) for n, c in zip(ns, cs)) / len(ns)


# Two benchmarks of 10 problems, 20 answers sampled for each problem.
n = [20] * 10
all_or_nothing = [20] * 5 + [0] * 5  # half the problems always solved, half never
every_other = [10] * 10  # every problem solved by half of its answers
for k in (1, 2, 5, 10):
    a, b = mean_pass_at_k(n, all_or_nothing, k), mean_pass_at_k(n, every_other, k)
    print(f"pass@{k:<2}: all or nothing {a:.4f}, half of each {b:.4f}")
    if k == 1:
        assert math.isclose(a, 0.5) and math.isclose(b, 0.5)  # the same pass@1
# Sampling more never solves a problem that no answer solves: the first stays at 0.5.
assert math.isclose(mean_pass_at_k(n, all_or_nothing, 10), 0.5)
# For the second, k answers all fail with probability about 0.5^k (exactly: drawn
# without replacement from 10 right and 10 wrong ones, C(10, k) / C(20, k)).
for k in (1, 2, 5, 10):
    all_fail = math.comb(10, k) / math.comb(20, k)
    assert math.isclose(mean_pass_at_k(n, every_other, k), 1 - all_fail)
    assert all_fail <= 0.5**k
    print(f"k = {k:2}: all {k} answers fail with probability {all_fail:.3g}, "
          f"0.5^{k} = {0.5**k:.3g} ({all_fail / 0.5**k:.2f} of it)")
