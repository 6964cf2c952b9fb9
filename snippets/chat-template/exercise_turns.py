# needs: names_sft
from transformers import AutoTokenizer

tok = AutoTokenizer.from_pretrained("names_sft", local_files_only=True)
# The page's template, with the assistant's content and its <|end|> marked as the
# part the model generates: {% generation %} ... {% endgeneration %}.
tok.chat_template = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{% if message['role'] == 'assistant' %}"
    "{{ '<|assistant|>' }}"
    "{% generation %}{{ message['content'] + '<|end|>' }}{% endgeneration %}"
    "{% else %}{{ '<|' + message['role'] + '|>' + message['content'] + '<|end|>' }}"
    "{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}"
)
chat = [
    {"role": "user", "content": "starts with m"},
    {"role": "assistant", "content": "mia"},
    {"role": "user", "content": "ends with a"},
    {"role": "assistant", "content": "ava"},
]
out = tok.apply_chat_template(chat, return_dict=True, return_assistant_tokens_mask=True)
ids, mask = out["input_ids"], out["assistant_masks"]

# By hand: after each <|assistant|> (29), every id up to and with the next <|end|> (30).
by_hand, inside = [], False
for t in ids:
    by_hand.append(int(inside))
    inside = (inside or t == 29) and t != 30
assert mask == by_hand and sum(mask) == 8  # 'mia<|end|>' and 'ava<|end|>'

# The single-turn rule, everything after the first <|assistant|>, trains on more:
first = [int(i > ids.index(29)) for i in range(len(ids))]
extra = [tok.convert_ids_to_tokens(t) for t, a, b in zip(ids, mask, first) if b > a]
assert len(extra) == 14 and extra[0] == "<|user|>"
print(f"{len(ids)} ids; the assistant's: {sum(mask)}, == by hand")
print(f"after the first <|assistant|>: {sum(first)}, of which {len(extra)} are the "
      "user's second turn:", "".join(extra))
