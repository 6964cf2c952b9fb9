# needs: names_sft
import re

import torch
import torch.nn.functional as F
from transformers import AutoTokenizer, LlamaForCausalLM
from transformers.utils import logging

torch.manual_seed(0)
torch.set_num_threads(1)
logging.disable_progress_bar()

# --- the chat format (the same code in every snippet that uses it) ---------------
chars = ".abcdefghijklmnopqrstuvwxyz"
VOCAB = list(chars) + [" ", "<|user|>", "<|assistant|>", "<|end|>"]  # ids 0 to 30
USER, ASSISTANT, END = 28, 29, 30
NUMBERS = ["three", "four", "five", "six", "seven", "eight"]  # lengths 3 to 8


def request_for(name, kind):
    """A request `name` meets: kind 0 its first letter, 1 its last, 2 its length."""
    if kind == 0:
        return f"starts with {name[0]}"
    if kind == 1:
        return f"ends with {name[-1]}"
    return f"{NUMBERS[len(name) - 3]} letters"


def satisfies(request, answer):
    """The verifier: is the answer a name (letters a-z only) that meets the request?"""
    if not answer or any(c not in chars[1:] for c in answer):
        return False
    first, *_, last = request.split()
    if first == "starts":
        return answer[0] == last
    if first == "ends":
        return answer[-1] == last
    return len(answer) == NUMBERS.index(first) + 3


def encode_chat(request, answer=None):
    """The chat template's ids: '.<|user|>' request '<|end|><|assistant|>', then the
    answer and '<|end|>' when there is one (without: the generation prompt)."""
    ids = [0, USER] + [VOCAB.index(c) for c in request] + [END, ASSISTANT]
    if answer is not None:
        ids += [VOCAB.index(c) for c in answer] + [END]
    return ids


@torch.no_grad()
def reply(model, requests, generator, temperature=1.0, most=16):
    """Sample one answer per request, a token at a time, until '<|end|>' (or `most`
    tokens). Prompts of the same length go through the model together."""
    out = [None] * len(requests)
    by_length = {}
    for i, r in enumerate(requests):
        by_length.setdefault(len(encode_chat(r)), []).append(i)
    for length in sorted(by_length):
        rows = by_length[length]
        x = torch.tensor([encode_chat(requests[i]) for i in rows])
        for _ in range(most):
            probs = F.softmax(model(x)[:, -1] / temperature, dim=-1)
            x = torch.cat([x, torch.multinomial(probs, 1, generator=generator)], 1)
        for i, ids in zip(rows, x[:, length:].tolist()):
            ids = ids[: ids.index(END)] if END in ids else ids
            out[i] = "".join(VOCAB[t] for t in ids)
    return out


# --- end of the chat format ---------------------------------------------------------

tok = AutoTokenizer.from_pretrained("names_sft", local_files_only=True)
hf = LlamaForCausalLM.from_pretrained("names_sft", local_files_only=True).eval()

# 1. The renderer: the same ids as the Jinja template, for 600 requests, each with its
# answer (a training example) and without (a prompt: add_generation_prompt=True).
names = open("names.txt").read().splitlines()[:200]
pairs = [(request_for(n, k), n) for n in names for k in range(3) if k < 2 or len(n) < 9]
for request, answer in pairs:
    user = [{"role": "user", "content": request}]
    chat = user + [{"role": "assistant", "content": answer}]
    assert encode_chat(request, answer) == tok.apply_chat_template(chat)["input_ids"]
    prompt = tok.apply_chat_template(user, add_generation_prompt=True)["input_ids"]
    assert encode_chat(request) == prompt, (request, prompt)
print(f"encode_chat == apply_chat_template: {len(pairs)} chats, and their prompts")
print("  e.g.", pairs[0], "->", encode_chat(*pairs[0]))


# 2. The verifier against regular expressions, on names and on answers that are not.
def reference(request, answer):
    m = re.fullmatch("(starts|ends) with ([a-z])", request)
    if m:
        pattern = m[2] + "[a-z]*" if m[1] == "starts" else "[a-z]*" + m[2]
    else:
        words = "three four five six seven eight".split()
        pattern = "[a-z]{%d}" % (3 + words.index(request.removesuffix(" letters")))
    return re.fullmatch(pattern, answer) is not None


odd = ["", "a", "mi a", "Mia", "mia.", ".mia", "m<|end|>", "maria anna", "aaaaaaaaa"]
answers = names[:60] + odd
requests = sorted({request_for(n, k) for n in names for k in range(3) if len(n) < 9})
for request in requests:
    for answer in answers:
        assert satisfies(request, answer) == reference(request, answer), answer
for request, answer in pairs:  # every request is met by the name it was made from
    assert reference(request, answer)
print(f"satisfies == regexes: {len(requests)} requests x {len(answers)} answers")

# 3. The sampler against generate(): greedy (a tiny temperature), then with '<|end|>'
# forbidden, when every answer runs to the limit of 16 new tokens.
model = lambda x: hf(x).logits  # reply wants a function: ids -> logits
no_end = lambda x: hf(x).logits.index_fill(-1, torch.tensor([END]), -1e9)
asked = [request_for(n, k) for n, k in zip(names[::7], [0, 1, 2] * 10)]


def generated(requests, **kw):
    out = []
    for r in requests:
        x = torch.tensor([encode_chat(r)])
        mask = torch.ones_like(x)  # else the first ".", also the pad token, is masked
        y = hf.generate(x, attention_mask=mask, do_sample=False, max_new_tokens=16,
                        **kw)
        ids = y[0, x.shape[1] :].tolist()
        ids = ids[: ids.index(END)] if END in ids else ids
        out.append("".join(VOCAB[t] for t in ids))
    return out


g = torch.Generator().manual_seed(0)
mine = reply(model, asked, g, temperature=1e-4)
assert mine == generated(asked)
print(f"reply at temperature 1e-4 == generate(do_sample=False), {len(asked)} requests:")
print("  ", ", ".join(f"{r!r} -> {a!r}" for r, a in zip(asked[:3], mine)))
mine = reply(no_end, asked[:6], g, temperature=1e-4)
assert mine == generated(asked[:6], suppress_tokens=[END])
assert all(len(a) == 16 for a in mine)
print("with '<|end|>' forbidden, both run to 16 tokens:", mine[0])

# 4. Sampling at temperature 1 against generate(do_sample=True): the same draws from the
# same seed, for a batch of 26 prompts of one length.
same = [f"starts with {c}" for c in "abcdefghijklmnopqrstuvwxyz"]
mine = reply(model, same, torch.manual_seed(1))  # the global generator, seeded
torch.manual_seed(1)
x = torch.tensor([encode_chat(r) for r in same])
y = hf.generate(x, attention_mask=torch.ones_like(x), do_sample=True, max_new_tokens=16)
theirs = []
for ids in y[:, x.shape[1] :].tolist():
    ids = ids[: ids.index(END)] if END in ids else ids
    theirs.append("".join(VOCAB[t] for t in ids))
assert mine == theirs
print("reply at temperature 1 == generate(do_sample=True), same seed:", mine[:4])
