# What the papers report for their optimizers, and what Adam's state costs.
settings = {
    # model: (optimizer, beta1, beta2, eps, weight decay, gradient clip, peak lr)
    "GPT-3 175B": ("Adam", 0.9, 0.95, 1e-8, 0.1, 1.0, 0.6e-4),
    "Llama 2 7B": ("AdamW", 0.9, 0.95, 1e-5, 0.1, 1.0, 3.0e-4),
}
print(f"{'model':11} {'optimizer':9} {'beta1':>5} {'beta2':>5} {'eps':>6} {'decay':>5} "
      f"{'clip':>4} {'peak lr':>8}")
for name, (opt, b1, b2, eps, wd, clip, lr) in settings.items():
    print(f"{name:11} {opt:9} {b1:>5} {b2:>5} {eps:>6g} {wd:>5} {clip:>4} {lr:>8.1e}")

n = 6_738_415_616                       # Llama 2 7B's parameters
for what, bytes_per_param in (("weights in bfloat16", 2), ("gradients in bfloat16", 2),
                              ("Adam's m and v in float32", 8),
                              ("a float32 master copy of the weights", 4)):
    print(f"{what:37} {n * bytes_per_param / 2**30:6.1f} GiB")
