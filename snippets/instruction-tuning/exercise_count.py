import torch

torch.set_num_threads(1)

# '.<|user|>starts with m<|end|><|assistant|>mia<|end|>' as ids (the chat template page)
ids = torch.tensor([0, 28, 19, 20, 1, 18, 20, 19, 27, 23, 9, 20, 8, 27, 13, 30, 29, 13,
                    9, 1, 30])
prompt_len = ids.tolist().index(29) + 1  # up to and with '<|assistant|>'
labels = ids.clone()
labels[:prompt_len] = -100
every_token = len(ids[1:])  # every position but the last predicts a next token
answer_only = (labels[1:] != -100).sum().item()
assert (every_token, answer_only) == (20, 4)  # 'm', 'i', 'a', '<|end|>'
prompt_share = 1 - answer_only / every_token
print(f"{len(ids)} tokens:",
      f"{every_token} targets on every token, {answer_only} on the answer;",
      f"the prompt is {prompt_share:.0%} of the every-token targets")
