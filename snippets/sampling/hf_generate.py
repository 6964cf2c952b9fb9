import json
import logging
import sys
import tempfile

import torch
from transformers import (
    GenerationConfig,
    LlamaConfig,
    LlamaForCausalLM,
    RepetitionPenaltyLogitsProcessor,
)
from transformers.utils import logging as hf_logging

# transformers' warnings go to stdout here, so that they show below the code.
hf_logging.disable_default_handler()
hf_logging.add_handler(logging.StreamHandler(sys.stdout))

# A tiny Llama with random weights, built here (nothing is downloaded).
torch.manual_seed(0)
config = LlamaConfig(vocab_size=1000, hidden_size=32, intermediate_size=64,
                     num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=2)
model = LlamaForCausalLM(config).eval()
prompt = torch.tensor([[1, 7, 42]])
quiet = {"max_new_tokens": 8, "pad_token_id": 0}

# 1. generate() is greedy unless do_sample=True: the argmax, token after token.
out = model.generate(prompt, **quiet)
ids = prompt
with torch.no_grad():
    for _ in range(8):
        ids = torch.cat([ids, model(ids).logits[:, -1].argmax(-1, keepdim=True)], -1)
assert torch.equal(out, ids)
print("generate() with no options == the argmax loop:", out[0, 3:].tolist())
same = model.generate(prompt, temperature=1.5, top_p=0.5, **quiet)  # still greedy
print("with temperature=1.5, top_p=0.5 but no do_sample: the same?",
      torch.equal(same, out))
for seed in (0, 1):
    torch.manual_seed(seed)
    print(f"do_sample=True, seed {seed}:", model.generate(prompt, do_sample=True,
                                                           **quiet)[0, 3:].tolist())

# 2. top_k is None in a new GenerationConfig, but generate() fills in 50: with
#    top_p=0.9 alone, at most 50 tokens stay (these near-uniform logits need ~900).
print("GenerationConfig().top_k:", GenerationConfig().top_k)
r = model.generate(prompt, do_sample=True, top_p=0.9, output_scores=True,
                   return_dict_in_generate=True, **quiet)
print("tokens left after top_p=0.9 alone:", int(r.scores[0].isfinite().sum()),
      "| with top_k=0 (off):", int(model.generate(
          prompt, do_sample=True, top_p=0.9, top_k=0, output_scores=True,
          return_dict_in_generate=True, **quiet).scores[0].isfinite().sum()))

# 3. A checkpoint's defaults live in generation_config.json, which generate() reads.
with tempfile.TemporaryDirectory() as folder:
    GenerationConfig(do_sample=True, temperature=0.6, top_p=0.9).save_pretrained(folder)
    saved = json.load(open(f"{folder}/generation_config.json"))
    saved.pop("transformers_version")
    print("generation_config.json:", saved)
    model.generation_config = GenerationConfig.from_pretrained(folder)
print("model.generation_config.temperature:", model.generation_config.temperature)

# 4. Repetition penalty (CTRL's): the logits of tokens already in the text are divided
#    by the penalty when positive and multiplied by it when negative.
z = torch.tensor([[2.0, -1.0, 0.5, 3.0]])
seen = torch.tensor([[0, 1]])  # tokens 0 and 1 already occurred
print("repetition_penalty=1.3 on [2, -1, 0.5, 3], tokens 0 and 1 seen:",
      [round(v, 4) for v in RepetitionPenaltyLogitsProcessor(1.3)(seen, z)[0].tolist()])

# 5. Beam search keeps the num_beams most likely sequences so far: no randomness.
beams = model.generate(prompt, num_beams=4, do_sample=False, **quiet)
print("beam search, 4 beams:", beams[0, 3:].tolist())
