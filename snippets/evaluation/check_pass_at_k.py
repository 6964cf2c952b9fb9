import itertools
import math
import random

random.seed(0)


# --- the pass@k estimator ----------------------------------------------------------
def pass_at_k(n, c, k):
    """Chen et al.'s unbiased estimator 1 - C(n-c, k) / C(n, k) from n answers of which
    c are right, as their product: the chance that k answers drawn without
    replacement from the n are all wrong, subtracted from 1."""
    if n - c < k:
        return 1.0  # fewer than k wrong answers: every k of them hold a right one
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def mean_pass_at_k(ns, cs, k):
    """pass@k of a benchmark: the estimate of each problem, averaged over problems."""
    return sum(pass_at_k(n, c, k) for n, c in zip(ns, cs)) / len(ns)


# --- end of the pass@k estimator ---------------------------------------------------


def enumerated(flags, k):
    """The exact share of k-subsets of the answers that hold a right one."""
    subsets = list(itertools.combinations(flags, k))
    return sum(any(s) for s in subsets) / len(subsets)


# 1. Against enumeration of all k-subsets (itertools): every n <= 9, c <= n, k <= n.
cases = 0
for n in range(1, 10):
    for c in range(n + 1):
        for k in range(1, n + 1):
            exact = enumerated([True] * c + [False] * (n - c), k)
            assert math.isclose(pass_at_k(n, c, k), exact, abs_tol=1e-12), (n, c, k)
            cases += 1
print(f"{cases} (n, c, k): pass_at_k = the share of k-subsets holding a right answer")

# 2. Against the closed form with math.comb (which gives 0 when k > n - c): n = 200
#    answers a problem, as in HumanEval's paper.
for c in range(201):
    for k in (1, 2, 10, 100, 150, 199, 200):
        by_comb = 1 - math.comb(200 - c, k) / math.comb(200, k)
        assert math.isclose(pass_at_k(200, c, k), by_comb, rel_tol=1e-9, abs_tol=1e-12)
print("n = 200, every c, k up to 200: = 1 - math.comb(n - c, k) / math.comb(n, k)")

# 3. A benchmark of 30 problems with different n and c: the mean of the per-problem
#    estimates is the mean of the enumerated shares.
bench = [[random.random() < random.random() for _ in range(random.randint(2, 9))]
         for _ in range(30)]
ns, cs = [len(b) for b in bench], [sum(b) for b in bench]
for k in (1, 2):
    exact = sum(enumerated(b, k) for b in bench) / len(bench)
    assert math.isclose(mean_pass_at_k(ns, cs, k), exact, abs_tol=1e-12), k
    mine = mean_pass_at_k(ns, cs, k)
    print(f"30 problems: pass@{k} = {mine:.4f} = enumerated {exact:.4f}")

# k > n - c: every k answers hold a right one. math.comb(n - c, k) is then 0; the
# product above meets the factor 1 - k/k = 0; a form with factorials fails instead.
print(f"n = 10, c = 8, k = 5: pass_at_k = {pass_at_k(10, 8, 5)}, "
      f"math.comb(2, 5) = {math.comb(2, 5)}")
try:
    math.factorial(10 - 8) / (math.factorial(5) * math.factorial(10 - 8 - 5))
except ValueError as e:
    print("math.factorial(n - c - k):", e)
