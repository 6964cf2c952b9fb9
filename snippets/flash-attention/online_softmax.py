import torch

torch.manual_seed(0)


# --- online softmax
def online_softmax(z, trace=False):
    """Softmax over the last axis, reading each entry once (Milakov and Gimelshein)."""
    s_hat = torch.full(z.shape[:-1], float("-inf"))  # running max
    Z = torch.zeros(z.shape[:-1])  # running sum of exp(z - s_hat)
    for j in range(z.shape[-1]):
        s_new = torch.maximum(s_hat, z[..., j])
        Z = Z * torch.exp(s_hat - s_new) + torch.exp(z[..., j] - s_new)
        s_hat = s_new
        if trace:
            print(f"  read z_{j + 1} = {z[j].item():4.1f}: running max "
                  f"{s_hat.item():3.1f}, running sum {Z.item():.4f}")
    lse = s_hat + torch.log(Z)  # log-sum-exp, from the two running numbers
    return torch.exp(z - lse[..., None]), lse


# --- end of online softmax

z = torch.tensor([1.0, 3.0, 2.0, 5.0, 0.0])
print("z =", z.tolist())
p, lse = online_softmax(z, trace=True)
print("online softmax:", [round(x, 4) for x in p.tolist()], "LSE", round(lse.item(), 4))
print("torch.softmax: ", [round(x, 4) for x in torch.softmax(z, -1).tolist()],
      "torch.logsumexp", round(torch.logsumexp(z, -1).item(), 4))

# the check: one-pass softmax and log-sum-exp == torch's, on a vector, a batch of rows,
# a 3-D batch, logits in the hundreds, where exp() alone overflows float32, and logits
# all near -120, where exp() alone underflows to 0 (so does a running max started at 0)
cases = {"27 logits (V = 27)": torch.randn(27),
         "(4, 27)": torch.randn(4, 27),
         "(2, 3, 50)": torch.randn(2, 3, 50),
         "(3, 10) x 100": 100 * torch.randn(3, 10),
         "(3, 10) - 120": torch.randn(3, 10) - 120}
for name, z in cases.items():
    p, lse = online_softmax(z)
    torch.testing.assert_close(p, torch.softmax(z, dim=-1))
    torch.testing.assert_close(lse, torch.logsumexp(z, dim=-1))
    print(f"{name:19} largest |z| {z.abs().max().item():6.1f}: "
          "== torch.softmax and torch.logsumexp")
print("exp(z) overflows to inf in the case x 100:",
      torch.exp(cases["(3, 10) x 100"]).isinf().any().item(),
      "| underflows to 0 in the case - 120:",
      (torch.exp(cases["(3, 10) - 120"]) == 0).all().item())
