# needs: names_sft
import torch
import torch.nn.functional as F
from transformers import AutoTokenizer, LlamaForCausalLM
from transformers.utils import logging

logging.disable_progress_bar()  # no "Loading weights" bar

torch.set_num_threads(1)
tok = AutoTokenizer.from_pretrained("names_sft", local_files_only=True)
model = LlamaForCausalLM.from_pretrained("names_sft", local_files_only=True).eval()


# --- the masked loss
def labels_for(ids, prompt_lens, lengths):
    """transformers' convention: the labels are the ids themselves (not shifted), with
    -100 at every prompt position and at the padding."""
    labels = ids.clone()
    for row, (p, n) in enumerate(zip(prompt_lens, lengths)):
        labels[row, :p] = -100  # the prompt, up to and with '<|assistant|>'
        labels[row, n:] = -100  # the padding
    return labels


def masked_loss(logits, labels):
    """Mean cross-entropy over the tokens whose label is not -100; the logits at
    position t predict the token at t + 1."""
    z, y = logits[:, :-1], labels[:, 1:]  # (B, T-1, V), (B, T-1)
    keep = y != -100
    nll = -z.log_softmax(-1).gather(-1, y.clamp(min=0)[..., None])[..., 0]  # (B, T-1)
    return (nll * keep).sum() / keep.sum().clamp(min=1)  # 0, not nan, if none is kept


# --- end of the masked loss


def chats(pairs):
    """Right-padded ids of whole chats, their prompt lengths and their lengths."""
    prompts, fulls = [], []
    for request, answer in pairs:
        user = [{"role": "user", "content": request}]
        full = user + [{"role": "assistant", "content": answer}]
        prompts.append(tok.apply_chat_template(user, add_generation_prompt=True))
        fulls.append(tok.apply_chat_template(full))
    prompts = [p["input_ids"] for p in prompts]
    fulls = [f["input_ids"] for f in fulls]
    ids = torch.zeros(len(fulls), max(map(len, fulls)), dtype=torch.long)
    for row, f in enumerate(fulls):
        ids[row, : len(f)] = torch.tensor(f)
    return ids, [len(p) for p in prompts], [len(f) for f in fulls]


def reference(ids, prompt_lens, lengths):
    """No -100 anywhere: each chat alone, its answer scored by the logits just before
    each answer token, summed, then divided by the number of answer tokens."""
    total = 0.0
    for row, (p, n) in enumerate(zip(prompt_lens, lengths)):
        with torch.no_grad():
            z = model(ids[row : row + 1, :n]).logits[0]  # (n, V)
        answer = ids[row, p:n]
        total = total + F.cross_entropy(z[p - 1 : n - 1], answer, reduction="sum")
    return total / sum(n - p for p, n in zip(prompt_lens, lengths))


batches = [
    [("starts with m", "mia"), ("seven letters", "madison"), ("ends with a", "olivia")],
    [("three letters", "zoe"), ("starts with k", "kimberly"), ("ends with n", "ann")],
    [("eight letters", "isabella"), ("ends with y", "amy"), ("four letters", "emma"),
     ("starts with j", "jo")],
]
print("answer tokens      mine  one by one  F.cross_entropy  transformers")
for pairs in batches:
    ids, prompt_lens, lengths = chats(pairs)
    positions = torch.arange(ids.shape[1])
    attention_mask = (positions < torch.tensor(lengths)[:, None]).long()
    labels = labels_for(ids, prompt_lens, lengths)
    with torch.no_grad():
        out = model(input_ids=ids, attention_mask=attention_mask, labels=labels)
    mine = masked_loss(out.logits, labels)
    theirs = F.cross_entropy(  # PyTorch: shift, then ignore_index=-100 (the default)
        out.logits[:, :-1].reshape(-1, out.logits.shape[-1]), labels[:, 1:].reshape(-1)
    )
    ref = reference(ids, prompt_lens, lengths)
    torch.testing.assert_close(mine, ref)
    torch.testing.assert_close(mine, theirs)
    torch.testing.assert_close(mine, out.loss)  # transformers shifts the labels itself
    answers = [(row > -100).sum().item() for row in labels[:, 1:]]
    assert answers == [len(a) + 1 for _, a in pairs]  # its letters and its <|end|>
    answers = str(answers)
    print(f"{answers:14} {mine:8.4f} {ref:9.4f} {theirs:16.4f} {out.loss:13.4f}")

# Another convention: a mean per answer, then over the answers (each answer weighs the
# same, whatever its length), instead of one mean over the answer tokens of the batch.
z, y = out.logits[:, :-1].transpose(1, 2), labels[:, 1:]  # (B, V, T-1), (B, T-1)
nll = F.cross_entropy(z, y, reduction="none")
kept = labels[:, 1:] != -100
per_answer = ((nll * kept).sum(1) / kept.sum(1)).mean()
print(f"the last batch: mean over its tokens {mine:.4f}, "
      f"over its answers {per_answer:.4f}")

# Shifting the labels by hand AND letting transformers shift them: a double shift.
shifted = F.pad(labels[:, 1:], (0, 1), value=-100)
with torch.no_grad():
    double = model(input_ids=ids, attention_mask=attention_mask, labels=shifted).loss
print(f"labels shifted by hand, then by transformers: {double:.4f} (right: {ref:.4f})")

# A batch with no answer token left (all labels -100): mean over nothing.
none = torch.full_like(labels, -100)
with torch.no_grad():
    nan_loss = model(input_ids=ids, attention_mask=attention_mask, labels=none).loss
assert nan_loss.isnan()  # transformers: a mean over zero tokens
torch.testing.assert_close(masked_loss(out.logits, none), torch.tensor(0.0))
print(f"all labels -100: transformers {nan_loss.item()}, masked_loss "
      f"{masked_loss(out.logits, none).item()}")

# Plain names, as a replay batch would hold them: no prompt, every token counts, the
# closing '.' (id 0) too; then the same batch with a single token to learn.
names = ["emma", "jo", "olivia"]
ids = torch.zeros(len(names), 8, dtype=torch.long)  # '.emma.' and padding
for row, name in enumerate(names):
    ids[row, 1 : len(name) + 1] = torch.tensor(tok.convert_tokens_to_ids(list(name)))
labels = labels_for(ids, [0] * len(names), [len(n) + 2 for n in names])
one = torch.full_like(labels, -100)
one[0, 5] = 0  # only the '.' that ends '.emma.'
for name, lab in [("plain names", labels), ("a single token", one)]:
    with torch.no_grad():
        out = model(input_ids=ids, labels=lab)
    torch.testing.assert_close(masked_loss(out.logits, lab), out.loss)
    print(f"{name}: masked_loss {masked_loss(out.logits, lab):.4f}, "
          f"transformers {out.loss:.4f}")
