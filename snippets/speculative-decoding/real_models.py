# Leviathan et al.'s expected speed-up of speculative decoding (their section 3.3):
# (1 - a^(gamma + 1)) / ((1 - a) (gamma c + 1)), with c = the cost of one draft call
# relative to one target call. At batch size 1 a decoding step is limited by reading
# the weights, so c is about the ratio of parameter counts.


def gpt2_params(V, n_ctx, d, L):  # token and position tables, L blocks, final norm
    return V * d + n_ctx * d + L * (12 * d * d + 13 * d) + 2 * d


def llama_params(V, d, d_ff, L, H, H_kv):  # untied input and output tables
    attn = 2 * d * d + 2 * d * (d // H * H_kv)  # q and o; k and v (grouped)
    return 2 * V * d + L * (attn + 3 * d * d_ff + 2 * d) + d


pairs = {  # draft, target: values of their released config.json files
    # https://huggingface.co/openai-community/gpt2/blob/main/config.json
    # https://huggingface.co/openai-community/gpt2-xl/blob/main/config.json
    "GPT-2 124M -> GPT-2 XL": (
        gpt2_params(V=50257, n_ctx=1024, d=768, L=12),
        gpt2_params(V=50257, n_ctx=1024, d=1600, L=48),
    ),
    # https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json
    # https://huggingface.co/meta-llama/Llama-2-70b-hf/blob/main/config.json
    "Llama 2 7B -> Llama 2 70B": (
        llama_params(V=32000, d=4096, d_ff=11008, L=32, H=32, H_kv=32),
        llama_params(V=32000, d=8192, d_ff=28672, L=80, H=64, H_kv=8),
    ),
}
speedup = lambda a, gamma, c: (1 - a ** (gamma + 1)) / ((1 - a) * (gamma * c + 1))
for name, (n_draft, n_target) in pairs.items():
    c = n_draft / n_target
    print(
        f"{name}: {n_draft / 1e9:.3f}B and {n_target / 1e9:.3f}B parameters,",
        f"c = {c:.3f}",
    )
    for a in (0.6, 0.7, 0.8):
        best = max(range(1, 16), key=lambda gamma: speedup(a, gamma, c))
        print(
            f"  a = {a}: gamma 4 -> {speedup(a, 4, c):.2f}x; "
            f"best gamma {best:2} -> {speedup(a, best, c):.2f}x"
        )
