import importlib.metadata
import inspect

import torch
from transformers import GenerationConfig
from transformers.generation.utils import _speculative_sampling

# transformers' speculative sampling step (assisted generation with do_sample=True),
# run on a 4-token toy with gamma = 1: which letter is which model, and what comes out
torch.set_num_threads(1)
torch.manual_seed(0)  # _speculative_sampling draws from torch's global generator
print(f"transformers {importlib.metadata.version('transformers')}")
p = torch.tensor([0.5, 0.3, 0.15, 0.05], dtype=torch.float64)  # the target's
q = torch.tensor([0.2, 0.5, 0.1, 0.2], dtype=torch.float64)  # the draft's
n = 8000
xs = torch.multinomial(q, n, replacement=True)  # the drafted tokens, x ~ q
kept, first = torch.zeros(4), torch.zeros(4)
for x in xs.tolist():
    tokens, n_matches = _speculative_sampling(
        torch.tensor([[x]]),  # candidate_input_ids: the text, ending with the draft
        q.log().view(1, 1, 4),  # candidate_logits: the assistant's, (1, gamma, V)
        1,  # candidate_length: gamma
        p.log().expand(1, 2, 4),  # new_logits: the model's, (1, gamma + 1, V)
    )
    kept[x] += int(n_matches)  # 1 if the draft x was kept
    first[tokens[0, 0]] += 1  # x if kept, else the token drawn in its place
tried = torch.bincount(xs, minlength=4)
print("token   p     q    kept (measured)  min(1, p/q)  min(1, q/p)  output  p")
for i in range(4):
    print(
        f"{i:5} {p[i]:5.2f} {q[i]:5.2f} {kept[i] / tried[i]:12.3f}"
        f" {min(1, p[i] / q[i]):12.3f} {min(1, q[i] / p[i]):12.3f}"
        f" {first[i] / n:9.3f} {p[i]:5.2f}"
    )
rate = kept / tried
assert (rate - (p / q).clamp(max=1)).abs().max() < 0.05, "not kept with min(1, p/q)"
assert (first / n - p).abs().max() < 0.02, "the output is not p"

# how it writes the test, in its source; and its name for gamma
src = inspect.getsource(_speculative_sampling).splitlines()
print("its test:", next(line for line in src if "is_accepted =" in line).strip())
doc = GenerationConfig.__doc__.split("num_assistant_tokens (`int`, *optional*):")[1]
print("num_assistant_tokens:", " ".join(doc.split()[:24]))
u = torch.rand(10**6)  # float32 draws in [0, 1)
print("torch.rand: multiples of 2^-24?", bool((u * 2**24 == (u * 2**24).round()).all()))
