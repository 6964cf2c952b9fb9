import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# Two distributions over V = 31 tokens: the policy and the reference.
z_ref = torch.randn(31, dtype=torch.float64)
k2_bias = []
p_ref = z_ref.softmax(-1)
for gap in (0.1, 1.0):  # the policy: the reference's logits plus noise of this size
    p = (z_ref + gap * torch.randn(31, dtype=torch.float64)).softmax(-1)
    kl = (p * (p / p_ref).log()).sum()
    x = p_ref / p  # per token: pi_ref / pi_theta
    estimators = {"k1": -x.log(), "k2": 0.5 * x.log() ** 2, "k3": x - 1 - x.log()}
    print(f"gap {gap}: KL(pi || pi_ref) = {kl:.6f}")
    for name, k in estimators.items():
        mean = (p * k).sum()  # its expectation over a ~ pi: exact, a sum over tokens
        var = (p * (k - mean) ** 2).sum()
        print(f"  {name}: mean {mean:.6f}, variance {var:.6f}, smallest {k.min():+.4f}")
        if name != "k2":
            torch.testing.assert_close(mean, kl)  # unbiased
    assert (estimators["k3"] >= 0).all() and (estimators["k1"] < 0).any()
    assert (estimators["k2"] >= 0).all()
    k2_bias.append(abs((p * estimators["k2"]).sum() - kl).item())
    assert k2_bias[-1] > 1e-6  # k2 is biased
    var = {n: (p * (k - (p * k).sum()) ** 2).sum() for n, k in estimators.items()}
    assert var["k3"] < var["k1"] / 3  # the same mean, a much smaller spread
    assert var["k2"] < var["k3"]  # k2's is smaller still, but its mean is off
assert k2_bias[1] > 100 * k2_bias[0]  # and more so further from the reference
