# Softmax outputs of one forward pass over a full context in GPT-2 (124M):
# one over the vocabulary per position, and one attention row per
# position, head and layer.
vocab, context, layers, heads = 50257, 1024, 12, 12      # GPT-2 small configuration
output = context * vocab
attention = layers * heads * context * context
print(f"vocabulary softmax: {context} positions x {vocab} = {output:,} probabilities")
print(f"attention softmax:  {layers} layers x {heads} heads x {context} x "
      f"{context} = {attention:,} weights")
