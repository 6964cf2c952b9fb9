# The schedules the papers report. GPT-3 counts in tokens, not steps, and ramps its
# batch size up from 32k tokens over the first 4-12B tokens, so its warmup covers many
# more steps than 375M tokens / 3.2M tokens per batch would suggest.
warmup, decay = 375e6, 260e9
print(f"GPT-3 175B: warmup over {warmup / 1e6:.0f}M tokens, cosine decay to 10% of the "
      f"peak over {decay / 1e9:.0f}B tokens ({decay / warmup:.0f} times longer)")
# GPT-3's table 2.1: the larger the model, the smaller its peak learning rate.
gpt3 = {"125M": 6.0e-4, "350M": 3.0e-4, "760M": 2.5e-4, "1.3B": 2.0e-4,
        "2.7B": 1.6e-4, "6.7B": 1.2e-4, "13B": 1.0e-4, "175B": 0.6e-4}
print("GPT-3 peak lr by size:", ", ".join(f"{n} {lr:.1e}" for n, lr in gpt3.items()))
print(f"  175B's peak is {gpt3['175B'] / gpt3['125M']:.0%} of 125M's")
print("Llama 2 7B: warmup 2000 steps, cosine decay to 10% of the peak 3.0e-4")
peak, floor = 8e-5, 8e-7
print(f"Llama 3 405B: warmup 8000 steps, cosine decay from {peak:.0e} to {floor:.0e} "
      f"({floor / peak:.0%} of the peak) over 1,200,000 steps, then a linear anneal "
      "to 0 over the final 40M tokens")
print("the 2017 Transformer: lr = d_model^-0.5 * min(step^-0.5, step * 4000^-1.5);"
      f" its peak at step 4000 for d_model 512: {512**-0.5 * 4000**-0.5:.2e}")
