text = "Emma and Noah were the most common names of 2015."

chars = list(text)                 # characters: small vocabulary, long sequences
words = text.split()               # words: huge vocabulary, "2015." is one token
utf8 = list(text.encode("utf-8"))  # bytes: 256 symbols cover every text

print(f"{len(chars)} characters: {chars[:12]} ...")
print(f"{len(words)} words:      {words}")
print(f"{len(utf8)} UTF-8 bytes: {utf8[:12]} ...")
print("'Noah' and 'noah' are different words:", "Noah" != "noah")
