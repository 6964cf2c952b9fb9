import math

# What four public benchmarks measure, as their papers and lm-evaluation-harness say.
benchmarks = [
    ("MMLU", "2009.03300", "57 subjects, 4 options a question",
     "accuracy; GPT-3 175B few-shot 43.9 % (chance 25 %)"),
    ("HellaSwag", "1905.07830", "pick the ending of a scene, 4 options",
     "lm-evaluation-harness reports acc and acc_norm"),
    ("HumanEval", "2107.03374", "164 Python functions, 7.7 unit tests each on average",
     "pass@k from n = 200 samples; Codex-12B pass@1 28.8 %"),
    ("GSM8K", "2110.14168", "8.5K grade-school word problems (1K test)",
     "exact match of the final number; verifiers rerank many samples"),
]
for name, arxiv, what, metric in benchmarks:
    print(f"{name:9} arXiv:{arxiv}  {what}\n{'':9} {metric}")


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

# HumanEval's setting: n = 200 samples for a problem, c of them pass the tests.
print("\n  c   pass@1  pass@10  pass@100  1-(1-c/n)^100 (biased)")
for c in (1, 10, 50):
    row = [pass_at_k(200, c, k) for k in (1, 10, 100)]
    biased = 1 - (1 - c / 200) ** 100
    print(f"{c:3d}  {row[0]:7.4f}  {row[1]:7.4f}  {row[2]:8.4f}  {biased:.4f}")
