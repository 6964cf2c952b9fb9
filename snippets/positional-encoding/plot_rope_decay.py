import matplotlib.pyplot as plt
import torch

# Score between a query and a key that are both all-ones, as a function of their
# distance: sum over pairs of cos(distance * omega_i) (RoFormer's decay argument).
d = 128
# every distance up to 64, then about 700 log-spaced ones up to 4096
distance = torch.cat([torch.arange(64), torch.logspace(6, 12, 700, base=2).round()])
distance = distance.unique()
fig, ax = plt.subplots(figsize=(8, 4))
for base, label in [(10000.0, "rope_theta = 10000 (Llama 2)"),
                    (500000.0, "rope_theta = 500000 (Llama 3)")]:
    freqs = base ** (-torch.arange(0, d, 2).float() / d)        # omega_i, (d/2,)
    print(f"{label}: omega_0 = {freqs[0].item()}, omega_1 = {freqs[1].item():.4f}, "
          f"slowest omega_63 = {freqs[-1].item():.2e}")
    score = 2 * torch.cos(distance.unsqueeze(1) * freqs).sum(dim=1)
    ax.plot(distance.tolist(), (score / d).tolist(), label=label, linewidth=1)
ax.set_xscale("symlog", linthresh=10)
ax.set_xlabel("distance m - n (tokens)")
ax.set_ylabel("normalised score q.k / d")
ax.set_title("RoPE: the score of identical vectors decays with distance (d = 128)")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
