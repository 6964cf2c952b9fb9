# needs: names_sft
import matplotlib.pyplot as plt
import torch
from transformers import AutoTokenizer, LlamaForCausalLM
from transformers.utils import logging

torch.set_num_threads(1)
logging.disable_progress_bar()
tok = AutoTokenizer.from_pretrained("names_sft", local_files_only=True)
model = LlamaForCausalLM.from_pretrained("names_sft", local_files_only=True).eval()
chat = [
    {"role": "user", "content": "starts with m"},
    {"role": "assistant", "content": "marian"},  # its greedy answer
]
ids = tok.apply_chat_template(chat)["input_ids"]
prompt = tok.apply_chat_template(chat[:1], add_generation_prompt=True)["input_ids"]
with torch.no_grad():
    p = model(torch.tensor([ids])).logits[0].softmax(dim=-1)  # (T, V): next token
end, dot = tok.convert_tokens_to_ids(["<|end|>", "."])

fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 4.6), height_ratios=[1, 1.6])
colors = {"template": "tab:gray", "user": "tab:blue", "assistant": "tab:orange"}
for t, (i, token) in enumerate(zip(ids, tok.convert_ids_to_tokens(ids))):
    kind = "template" if i in (0, 28, 29, 30) else "user"  # ".", <|user|>, ...,
    kind = "assistant" if t >= len(prompt) and i != end else kind
    top.add_patch(plt.Rectangle((t, 0), 0.92, 1, color=colors[kind], alpha=0.35))
    label = {"<|user|>": "<|u|>", "<|assistant|>": "<|a|>", "<|end|>": "<|e|>"}.get(
        token, token.replace(" ", "␣")
    )
    top.text(t + 0.46, 0.62, label, ha="center", fontsize=7)
    top.text(t + 0.46, 0.22, str(i), ha="center", fontsize=7)
top.axvline(len(prompt) - 0.04, color="black", lw=1)
top.text(len(prompt) - 0.2, 1.15, "the generation prompt ends here", ha="right", size=8)
top.set_xlim(0, len(ids))
top.set_ylim(0, 1.4)
top.axis("off")
for kind, c in colors.items():
    top.bar(0, 0, color=c, alpha=0.35, label=kind)
top.legend(loc="upper right", ncol=3, fontsize=7, frameon=False, bbox_to_anchor=(1, 1))

x = [t + 0.46 for t in range(len(ids))]  # under each token
bottom.plot(x, p[:, end].tolist(), "o-", label="P(next = '<|end|>')")
bottom.plot(x, p[:, dot].tolist(), "s--", label="P(next = '.')")
bottom.set_xlim(0, len(ids))
bottom.set_xticks([])
bottom.set_xlabel("after each token above: the probability of the next one")
bottom.set_ylabel("probability")
bottom.legend(fontsize=8)
top.set_title("The rendered chat, its ids, and when names_sft expects a turn to end",
              pad=12)
fig.tight_layout()
a = len(prompt) + 5  # the position of the answer's last letter
print(f"after 'marian': P('<|end|>') = {p[a, end]:.3f}, P('.') = {p[a, dot]:.4f}")
plt.show()
