from jinja2 import Template  # the engine apply_chat_template renders templates with

chat = [
    {"role": "user", "content": "starts with m"},
    {"role": "assistant", "content": "mia"},
]

# ChatML (OpenAI, 2023) as a Jinja template: the one in Hugging Face's chat-template
# blog post, plus the generation prompt of transformers' default ChatML template.
chatml = Template(
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] }}"
    "{{ '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

# Llama 3 (Meta, 2024): ChatFormat in meta-llama/llama3's llama/tokenizer.py, as text.
# Its special tokens follow the 128000 BPE tokens, in this order.
special = ["<|begin_of_text|>", "<|end_of_text|>"]
special += [f"<|reserved_special_token_{i}|>" for i in range(4)]
special += ["<|start_header_id|>", "<|end_header_id|>", "<|reserved_special_token_4|>"]
special += ["<|eot_id|>"]
llama3_id = {t: 128000 + i for i, t in enumerate(special)}


def llama3(messages, add_generation_prompt=False):
    header = lambda role: "<|start_header_id|>" + role + "<|end_header_id|>\n\n"  # noqa
    text = "<|begin_of_text|>"
    for m in messages:
        text += header(m["role"]) + m["content"].strip() + "<|eot_id|>"
    return text + (header("assistant") if add_generation_prompt else "")


# The names chat (tokenizer.py above), its template with bos_token = '.'.
names = Template(
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{{ '<|' + message['role'] + '|>' + message['content'] + '<|end|>' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}"
)

formats = {  # name: (render, the user's header)
    "ChatML": (chatml.render, "<|im_start|>user"),
    "Llama 3": (llama3, "<|start_header_id|>user"),
    "names chat": (lambda **kw: names.render(bos_token=".", **kw), "<|user|>"),
}
rows = []
for name, (render, user) in formats.items():
    text = render(messages=chat)
    print(f"--- {name}: a user turn and the answer\n{text}")
    prompt = render(messages=chat[:1], add_generation_prompt=True)
    prompt = prompt.removeprefix(render(messages=chat[:1]))
    rows.append((name, text[: text.index(user)], text.split("mia")[-1], prompt))
print(f"{'':10} | {'before turn 1':19} | {'turn ends with':14} | generation prompt")
for name, before, end, prompt in rows:
    print(f"{name:10} | {before!r:19} | {end!r:14} | {prompt!r}")
print("\nLlama 3's ids:", {t: llama3_id[t] for t in special if "res" not in t})
