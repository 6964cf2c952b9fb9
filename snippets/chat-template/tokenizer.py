# needs: names_llama
from transformers import AddedToken, AutoTokenizer

# The names Llama's tokenizer: 27 tokens, '.' (id 0) starts and ends a name.
tok = AutoTokenizer.from_pretrained("names_llama", local_files_only=True)
# A chat needs more: a space for the requests, and three special tokens that mark
# who speaks and where a turn ends. They get the next free ids: 27 to 30.
tok.add_tokens([AddedToken(" ", normalized=False)])
tok.add_special_tokens(
    {"additional_special_tokens": ["<|user|>", "<|assistant|>", "<|end|>"]}
)
tok.model_max_length = 48  # the model's context; the longest chat is 33 ids
# The chat template, in Jinja: a list of messages -> one string. The generation
# prompt is the assistant's header with nothing after it: the model writes the rest.
tok.chat_template = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{{ '<|' + message['role'] + '|>' + message['content'] + '<|end|>' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}"
)
tok.save_pretrained("names_chat")

chat = [
    {"role": "user", "content": "starts with m"},
    {"role": "assistant", "content": "mia"},
]
text = tok.apply_chat_template(chat, tokenize=False)
ids = tok.apply_chat_template(chat)["input_ids"]
print(f"{len(tok)} tokens; the added ones:", tok.convert_ids_to_tokens(range(27, 31)))
print("rendered:", text)
print("token ids:", ids)
prompt = tok.apply_chat_template(chat[:1], add_generation_prompt=True, tokenize=False)
print("the prompt a model is given:", prompt)
