# The schedules the papers report. GPT-3 counts in tokens, not steps, and ramps its
# batch size up from 32k tokens over the first 4-12B tokens, so its warmup covers many
# more steps than 375M tokens / 3.2M tokens per batch would suggest.
warmup, decay = 375e6, 260e9
print(f"GPT-3 175B: warmup over {warmup / 1e6:.0f}M tokens, cosine decay to 10% of the "
      f"peak 0.6e-4 over {decay / 1e9:.0f}B tokens ({decay / warmup:.0f} times longer)")
print("Llama 2 7B: warmup 2000 steps, cosine decay to 10% of the peak 3.0e-4")
print("Llama 3 405B: warmup 8000 steps, cosine decay from 8e-5 to 8e-7 over "
      "1,200,000 steps")
print("the 2017 Transformer: lr = d_model^-0.5 * min(step^-0.5, step * 4000^-1.5);"
      f" its peak at step 4000 for d_model 512: {512**-0.5 * 4000**-0.5:.2e}")
