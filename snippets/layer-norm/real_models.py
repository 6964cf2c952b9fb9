# Where the norms sit and how many parameters they have, from the released
# configurations: GPT-2 small (LayerNorm, eps 1e-5) and Llama 2 7B / Llama 3 8B
# (RMSNorm, eps 1e-5). Pre-norm: one norm before attention and one before the
# MLP in every block, plus one after the last block.
models = {
    # name: (layers, d_model, norm, eps, parameters per norm)
    "GPT-2 small": (12, 768, "LayerNorm", 1e-5, 2),    # gain and bias
    "Llama 2 7B": (32, 4096, "RMSNorm", 1e-5, 1),      # gain only
    "Llama 3 8B": (32, 4096, "RMSNorm", 1e-5, 1),
}
print(f"{'model':12} {'norm':9} {'eps':>6} {'norms':>6} {'norm parameters':>16}")
for name, (layers, d, norm, eps, per) in models.items():
    count = 2 * layers + 1
    print(f"{name:12} {norm:9} {eps:>6g} {count:>6} {count * per * d:>16,}")
