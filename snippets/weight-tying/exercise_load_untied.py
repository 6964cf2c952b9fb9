import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)


def lm(tied):  # embed, tanh layer, output layer (the check's model)
    m = nn.ModuleDict({"emb": nn.Embedding(27, 8), "hidden": nn.Linear(8, 8),
                       "head": nn.Linear(8, 27, bias=False)})
    if tied:
        m.head.weight = m.emb.weight
    return m


def forward(m, x):
    return m.head(torch.tanh(m.hidden(m.emb(x))))


untied = lm(tied=False)  # a checkpoint with two different tables
sd = untied.state_dict()
assert not torch.equal(sd["emb.weight"], sd["head.weight"])

tied = lm(tied=True)
result = tied.load_state_dict(sd)  # strict=True by default: every key is there
assert not result.missing_keys and not result.unexpected_keys  # no error, no warning
assert tied.head.weight is tied.emb.weight  # still one tensor...
assert torch.equal(tied.emb.weight, sd["head.weight"])  # ...holding the LAST copy
assert not torch.equal(tied.emb.weight, sd["emb.weight"])  # the embedding is gone
x = torch.tensor([0, 5, 13, 13, 1])  # ".emma"
diff = (forward(tied, x) - forward(untied, x)).abs().max()
assert diff > 0.1
print("load_state_dict(untied checkpoint) into a tied model: no error;",
      "keys in order:", list(sd))
print(f"the shared table now equals head.weight; logits differ from the"
      f" checkpoint's model by up to {diff:.4f}")
