# needs: names_sft
import torch
from transformers import AutoTokenizer, LlamaForCausalLM
from transformers.utils import logging

torch.set_num_threads(1)
logging.disable_progress_bar()
tok = AutoTokenizer.from_pretrained("names_sft", local_files_only=True)
model = LlamaForCausalLM.from_pretrained("names_sft", local_files_only=True).eval()

chars = ".abcdefghijklmnopqrstuvwxyz"
VOCAB = list(chars) + [" ", "<|user|>", "<|assistant|>", "<|end|>"]  # ids 0 to 30
USER, ASSISTANT, END = 28, 29, 30


def encode_chat(request, answer=None):  # the page's renderer
    ids = [0, USER] + [VOCAB.index(c) for c in request] + [END, ASSISTANT]
    if answer is not None:
        ids += [VOCAB.index(c) for c in answer] + [END]
    return ids


def encode_prefill(request, start):
    """The generation prompt and the start of the answer: the turn left open."""
    return encode_chat(request) + [VOCAB.index(c) for c in start]


request = "starts with m"
for start in ["ma", "z"]:
    ids = encode_prefill(request, start)
    chat = [{"role": "user", "content": request},
            {"role": "assistant", "content": start}]
    theirs = tok.apply_chat_template(chat, continue_final_message=True)["input_ids"]
    assert ids == theirs == encode_chat(request, start)[:-1]  # all but the <|end|>
    x = torch.tensor([ids])
    y = model.generate(x, attention_mask=torch.ones_like(x), do_sample=False,
                       max_new_tokens=16)[0, len(ids):].tolist()
    assert y[-1] == END and all(0 < t < 27 for t in y[:-1])  # a name, then it stops
    answer = start + "".join(VOCAB[t] for t in y[:-1])
    print(f"{request!r}, answer started with {start!r}: the model writes {answer!r},"
          f" meets the request: {answer[0] == request[-1]}")
