import importlib.metadata
import importlib.util
import pathlib

# transformers' speculative sampling (assisted generation with do_sample=True), read
# from its source file without importing the library: which letter is which model,
# how the uniform draw is compared, the residual and the bonus token
root = importlib.util.find_spec("transformers").submodule_search_locations[0]
src = pathlib.Path(root, "generation", "utils.py").read_text()
print(f"transformers {importlib.metadata.version('transformers')}")
mode = next(line for line in src.splitlines() if "*assisted decoding* if" in line)
print("generate()'s docstring:", mode.strip(" -"))
config = pathlib.Path(root, "generation", "configuration_utils.py").read_text()
doc = config[config.index("        num_assistant_tokens (`int`") :].splitlines()
print("num_assistant_tokens:", doc[1].strip(), doc[2].strip()[:30], "...")
start = src.index("def _speculative_sampling(")
body = src[start : src.index("\ndef ", start + 1)].splitlines()
print("its speculative sampling, generation/utils.py, def _speculative_sampling:")
for key, what in (
    ("q = candidate_logits", "the assistant's (draft's) distribution"),
    ("p = new_logits", "the target's distribution"),
    ("probability_ratio = p_i / q_i", "p / q of each drafted token"),
    ("is_accepted =", "kept if the uniform r is <= p / q"),
    ("p_prime = torch.clamp", "after a rejection: max(0, p - q) ..."),
    ("p_prime.div_", "... normalised"),
    ("p_prime = p_n_plus_1", "every draft kept: the bonus token from p"),
):
    i = max(i for i, text in enumerate(body) if key in text)  # its last occurrence
    print(f"  line {i + 1:2}, {what}:\n      {body[i].strip()}")
