# needs: names_llama
from transformers import AutoTokenizer, PreTrainedTokenizerFast

tok = AutoTokenizer.from_pretrained("names_llama", local_files_only=True)
assert isinstance(tok, PreTrainedTokenizerFast)  # the class the training snippet saved
print(f"{type(tok).__name__}: {len(tok)} tokens, bos = eos = pad = {tok.bos_token!r}")
enc = tok(["emma", "Oliver"], padding=True)  # a batch: the shorter name padded
for ids, mask in zip(enc["input_ids"], enc["attention_mask"]):
    print(f"{str(tok.convert_ids_to_tokens(ids)):42} ids {ids}  mask {mask}")

# Every name of names.txt: the site's ids ('.' = 0, a = 1, ..., z = 26), and back.
names = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
ids = tok(names)["input_ids"]
assert ids == [[0] + [chars.index(c) for c in name] for name in names]
assert tok.batch_decode(ids, skip_special_tokens=True) == names
print(f"all {len(names):,} names: encoded with the site's ids, decoded back unchanged")
print("decoded with the start mark kept:", tok.decode(ids[0]))
