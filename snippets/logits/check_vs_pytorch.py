import torch
import torch.nn.functional as F

words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=27 * 27).view(27, 27).float()


# --- logits to probabilities from scratch
def probs_from_logits(z):
    """softmax over the last axis: exponentiate, divide by the row's total."""
    e = (z - z.amax(dim=-1, keepdim=True)).exp()
    return e / e.sum(dim=-1, keepdim=True)


def log_probs_from_logits(z):
    """log_softmax: subtract each row's log-sum-exp from its logits."""
    m = z.amax(dim=-1, keepdim=True)
    return z - m - (z - m).exp().sum(dim=-1, keepdim=True).log()


frequencies = N / N.sum(dim=1, keepdim=True)   # (27, 27): counts normalised by row
# --- end of logits to probabilities from scratch

logits = N.log()                               # (27, 27): every row is a log of counts

# softmax(log(counts)) is exactly counts / counts.sum(), for every row at once.
torch.testing.assert_close(probs_from_logits(logits), frequencies)
torch.testing.assert_close(F.softmax(logits, dim=1), frequencies)

# Logits are defined only up to a constant added to a row:
# any shift gives the same probabilities. A different constant for each row:
shift = torch.linspace(-100, 100, 27).unsqueeze(1)      # (27, 1)
torch.testing.assert_close(probs_from_logits(logits + shift), frequencies)
torch.testing.assert_close(F.softmax(logits + shift, dim=1), frequencies)

# log_softmax gives log-probabilities; a zero count stays -inf on both sides.
for z in (logits, logits + shift):
    torch.testing.assert_close(log_probs_from_logits(z), F.log_softmax(z, dim=1))
    torch.testing.assert_close(log_probs_from_logits(z), frequencies.log())
# A batch of two such tables, (2, 27, 27): the last axis is still the one normalised.
batch = torch.stack([logits, logits + shift])
torch.testing.assert_close(probs_from_logits(batch), F.softmax(batch, dim=-1))
torch.testing.assert_close(log_probs_from_logits(batch), F.log_softmax(batch, dim=-1))
print("softmax(log N) == N / N.sum(1): OK, also after shifting each row")
print("log_softmax(log N) == log(N / N.sum(1)): OK, also after shifting")
