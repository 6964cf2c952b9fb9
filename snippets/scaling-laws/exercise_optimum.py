import torch

torch.set_num_threads(1)
# Chinchilla's approach-3 law as printed (E, A, B, alpha, beta), in this site's names.
L_inf, k_N, k_D, a_N, a_D = 1.69, 406.4, 410.7, 0.34, 0.28


def loss(N, D):
    return L_inf + k_N / N**a_N + k_D / D**a_D


for F in (1e21, 5.76e23, 1e25):  # training FLOPs; 5.76e23: Chinchilla's budget
    # By hand: d/dN of loss(N, F / 6N) = 0  <=>  a_N k_N / N^a_N = a_D k_D / D^a_D.
    G = (a_N * k_N / (a_D * k_D)) ** (1 / (a_N + a_D))
    N_hand = G * (F / 6) ** (a_D / (a_N + a_D))
    # Brute force: a fine grid of model sizes, each trained on D = F / 6N tokens.
    N = torch.logspace(6, 14, 400_001, dtype=torch.float64)
    N_grid = N[loss(N, F / (6 * N)).argmin()].item()
    assert abs(N_grid / N_hand - 1) < 1e-3
    D_hand = F / (6 * N_hand)
    ratio = (k_N / N_hand**a_N) / (k_D / D_hand**a_D)  # parameter term / data term
    assert abs(ratio - a_D / a_N) < 1e-9
    print(f"F = {F:.2e}: N_opt {N_hand:.3e} (grid {N_grid:.3e}), "
          f"parameter term / data term = {ratio:.4f}")
print(f"a_D / a_N = {a_D / a_N:.4f} at every budget")
