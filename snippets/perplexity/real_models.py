import math

# The perplexity of a model that knows nothing is the vocabulary size.
for name, V in (
    ("names.txt characters", 27),
    ("GPT-2", 50257),
    ("Llama 2", 32000),
    ("Llama 3", 128256),
):
    print(
        f"{name:21} uniform over {V:6}: loss ln V = {math.log(V):7.4f} nats, "
        f"perplexity {V}"
    )

# Llama 3's tokenizer puts 3.94 characters of English in a token, Llama 2's 3.17
# (Llama 3 paper, section 3.2). A model that needs 1 bit per character has these
# per-token perplexities with each tokenizer:
bits_per_char = 1.0
for name, chars_per_token in (("Llama 2 tokenizer", 3.17), ("Llama 3 tokenizer", 3.94)):
    print(
        f"{name}: {chars_per_token} characters per token -> per-token perplexity "
        f"{2 ** (bits_per_char * chars_per_token):.2f}"
    )

# Published perplexities: GPT-2 (Radford et al. 2019, Table 3), zero-shot, per token
# of GPT-2's own tokenizer, on two Wikipedia test sets.
print("GPT-2, published perplexity   WikiText-2   WikiText-103")
for size, wt2, wt103 in (("117M", 29.41, 37.50), ("1542M", 18.34, 17.48)):
    print(f"  {size:>5} parameters {wt2:17.2f} {wt103:14.2f}")
