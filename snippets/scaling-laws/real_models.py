# Kaplan et al. (2020) and Hoffmann et al. (2022, "Chinchilla"): how to split a compute
# budget C = 6 N D between parameters N and training tokens D.

# Kaplan: N_opt grows as C^0.73, D as C^0.27. Chinchilla (approach 1): both as C^0.50.
print("Kaplan's loss exponents: a_N = 0.076, a_D = 0.095")
for name, a, b in (("Kaplan", 0.73, 0.27), ("Chinchilla", 0.50, 0.50)):
    print(f"{name:10} N_opt ~ C^{a:.2f}, D_opt ~ C^{b:.2f}")
    print(f"{name:10} 10x the compute: {10**a:.2f}x the parameters, {10**b:.2f}x the"
          f" tokens; tokens per parameter x{10 ** (b - a):.2f}")

# Chinchilla's table 3 (approach 1): compute-optimal parameters and tokens.
table3 = {1e9: 20.2e9, 10e9: 205.1e9, 67e9: 1.5e12, 175e9: 3.7e12, 1e12: 21.2e12}
print("Chinchilla table 3, tokens per parameter:",
      ", ".join(f"{n / 1e9:g}B: {t / n:.1f}" for n, t in table3.items()))

# Chinchilla's approach 3 fit, L(N, D) = E + A / N^alpha + B / D^beta (its equation
# 10, rounded constants as printed), minimised under C = 6 N D in closed form.
E, A, B, alpha, beta = 1.69, 406.4, 410.7, 0.34, 0.28
print(f"approach 3: E = {E}, A = {A}, B = {B}, alpha = {alpha}, beta = {beta}")
G = (alpha * A / (beta * B)) ** (1 / (alpha + beta))
for C in (1e21, 5.76e23, 1e25):
    N = G * (C / 6) ** (beta / (alpha + beta))
    D = (C / 6) ** (alpha / (alpha + beta)) / G
    print(f"approach 3 at C = {C:.2e}: N = {N:.2e}, D = {D:.2e},"
          f" {D / N:.0f} tokens per parameter")

# Real models: parameters, training tokens (from the papers), tokens per parameter,
# and training compute by 6 N D.
models = {"GPT-3 175B": (175e9, 300e9), "Chinchilla 70B": (70e9, 1.4e12),
          "Llama 2 7B": (6_738_415_616, 2.0e12), "Llama 3 8B": (8_030_261_248, 15e12)}
for name, (n, tokens) in models.items():
    print(f"{name:14} N = {n:9.3e}, D = {tokens:8.2e}: {tokens / n:7.1f} tokens per"
          f" parameter, 6 N D = {6 * n * tokens:.2e} FLOPs")
