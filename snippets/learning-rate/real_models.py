# The schedules the papers report, in optimizer steps. GPT-3 counts in tokens:
# 375M tokens of warmup and cosine decay over 260B tokens, at 3.2M tokens per batch
# (the 175B model's batch size).
gpt3_batch = 3.2e6
print(f"GPT-3 175B: warmup {375e6 / gpt3_batch:.0f} steps, cosine decay to 10% of "
      f"0.6e-4 over {260e9 / gpt3_batch:,.0f} steps")
print("Llama 2 7B: warmup 2000 steps, cosine decay to 10% of the peak 3.0e-4")
print("Llama 3 405B: warmup 8000 steps, cosine decay from 8e-5 to 8e-7 over "
      "1,200,000 steps")
print("the 2017 Transformer: lr = d_model^-0.5 * min(step^-0.5, step * 4000^-1.5);"
      f" its peak at step 4000 for d_model 512: {512**-0.5 * 4000**-0.5:.2e}")
