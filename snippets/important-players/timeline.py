import matplotlib.pyplot as plt

# The papers that introduced the words of this glossary (the same sources as each
# page's "Where the name comes from").
PAPERS = [
    # year, term, authors, title, where
    (
        1944,
        "logit",
        "Berkson",
        "Application of the Logistic Function to Bio-Assay",
        "J. Am. Stat. Assoc. 39",
    ),
    (
        1948,
        "entropy, n-gram",
        "Shannon",
        "A Mathematical Theory of Communication",
        "Bell Syst. Tech. J. 27",
    ),
    (
        1977,
        "perplexity",
        "Jelinek, Mercer, Bahl, Baker",
        "Perplexity - a measure of the difficulty of speech recognition tasks",
        "J. Acoust. Soc. Am. 62",
    ),
    (
        1990,
        "softmax",
        "Bridle",
        "Probabilistic Interpretation of Feedforward " "Classification Network Outputs",
        "Neurocomputing, NATO ASI F68",
    ),
    (
        2003,
        "neural LM, embedding table",
        "Bengio, Ducharme, Vincent, Jauvin",
        "A Neural Probabilistic Language Model",
        "JMLR 3",
    ),
    (
        2014,
        "attention",
        "Bahdanau, Cho, Bengio",
        "Neural Machine Translation by Jointly Learning to Align and Translate",
        "arXiv:1409.0473",
    ),
    (
        2014,
        "Adam",
        "Kingma, Ba",
        "Adam: A Method for Stochastic Optimization",
        "arXiv:1412.6980",
    ),
    (
        2015,
        "residual connection",
        "He, Zhang, Ren, Sun",
        "Deep Residual Learning for Image Recognition",
        "arXiv:1512.03385",
    ),
    (
        2015,
        "BPE subwords",
        "Sennrich, Haddow, Birch",
        "Neural Machine Translation of Rare Words with Subword Units",
        "arXiv:1508.07909",
    ),
    (
        2016,
        "layer norm",
        "Ba, Kiros, Hinton",
        "Layer Normalization",
        "arXiv:1607.06450",
    ),
    (
        2016,
        "GELU",
        "Hendrycks, Gimpel",
        "Gaussian Error Linear Units (GELUs)",
        "arXiv:1606.08415",
    ),
    (
        2016,
        "cosine schedule",
        "Loshchilov, Hutter",
        "SGDR: Stochastic Gradient Descent with Warm Restarts",
        "arXiv:1608.03983",
    ),
    (
        2017,
        "transformer, multi-head, positional encoding",
        "Vaswani et al.",
        "Attention Is All You Need",
        "arXiv:1706.03762",
    ),
    (
        2017,
        "warmup",
        "Goyal et al.",
        "Accurate, Large Minibatch SGD",
        "arXiv:1706.02677",
    ),
    (
        2017,
        "AdamW",
        "Loshchilov, Hutter",
        "Decoupled Weight Decay Regularization",
        "arXiv:1711.05101",
    ),
    (
        2018,
        "top-k sampling",
        "Fan, Lewis, Dauphin",
        "Hierarchical Neural Story Generation",
        "arXiv:1805.04833",
    ),
    (
        2019,
        "GPT-2, byte-level BPE",
        "Radford et al.",
        "Language Models are Unsupervised Multitask Learners",
        "OpenAI report",
    ),
    (
        2019,
        "nucleus (top-p) sampling",
        "Holtzman et al.",
        "The Curious Case of Neural Text Degeneration",
        "arXiv:1904.09751",
    ),
    (
        2019,
        "RMSNorm",
        "Zhang, Sennrich",
        "Root Mean Square Layer Normalization",
        "arXiv:1910.07467",
    ),
    (
        2019,
        "multi-query attention",
        "Shazeer",
        "Fast Transformer Decoding: One Write-Head is All You Need",
        "arXiv:1911.02150",
    ),
    (2020, "SwiGLU", "Shazeer", "GLU Variants Improve Transformer", "arXiv:2002.05202"),
    (
        2021,
        "RoPE",
        "Su et al.",
        "RoFormer: Enhanced Transformer with Rotary Position " "Embedding",
        "arXiv:2104.09864",
    ),
    (
        2021,
        "LoRA",
        "Hu et al.",
        "LoRA: Low-Rank Adaptation of Large Language Models",
        "arXiv:2106.09685",
    ),
    (
        2023,
        "grouped-query attention",
        "Ainslie et al.",
        "GQA: Training Generalized "
        "Multi-Query Transformer Models from Multi-Head Checkpoints",
        "arXiv:2305.13245",
    ),
    (
        1950,
        "loss function (statistical decision theory)",
        "Wald",
        "Statistical Decision Functions",
        "Wiley",
    ),
    (
        1951,
        "relative entropy (KL)",
        "Kullback, Leibler",
        "On Information and Sufficiency",
        "Ann. Math. Stat. 22",
    ),
    (
        1988,
        "cross-entropy loss for networks",
        "Solla, Levin, Fleisher",
        "Accelerated learning in layered neural networks",
        "Complex Systems 2",
    ),
    (
        1997,
        "one-hot (digital design; in use, not coined)",
        "Univ. of Washington CSE 370",
        "Introduction to Digital Design, lecture slides",
        "course notes",
    ),
    (
        2006,
        "fine-tuning (pretrain, then tune)",
        "Hinton, Salakhutdinov",
        "Reducing the Dimensionality of Data with Neural Networks",
        "Science 313",
    ),
    (
        2007,
        "large language model",
        "Brants, Popat, Xu, Och, Dean",
        "Large Language Models in Machine Translation",
        "EMNLP-CoNLL 2007",
    ),
    (
        2016,
        "causal (masked) convolution",
        "van den Oord et al.",
        "WaveNet: A Generative Model for Raw Audio",
        "arXiv:1609.03499",
    ),
    (
        2017,
        "KV cache (tensor2tensor's fast decoding)",
        "Vaswani et al.",
        "tensorflow/tensor2tensor, the Transformer's code",
        "GitHub",
    ),
    (
        1985,
        "temperature (Boltzmann machines)",
        "Ackley, Hinton, Sejnowski",
        "A Learning Algorithm for Boltzmann Machines",
        "Cognitive Science 9",
    ),
    (
        1991,
        "mixture of experts",
        "Jacobs, Jordan, Nowlan, Hinton",
        "Adaptive Mixtures of Local Experts",
        "Neural Computation 3",
    ),
    (
        2017,
        "sparse mixture of experts (router, top-k)",
        "Shazeer et al.",
        "Outrageously Large Neural Networks: The Sparsely-Gated "
        "Mixture-of-Experts Layer",
        "arXiv:1701.06538",
    ),
    (
        2024,
        "multi-head latent attention",
        "DeepSeek-AI",
        "DeepSeek-V2: A Strong, Economical, and Efficient "
        "Mixture-of-Experts Language Model",
        "arXiv:2405.04434",
    ),
    (
        2021,
        "foundation model",
        "Bommasani et al.",
        "On the Opportunities and Risks of Foundation Models",
        "arXiv:2108.07258",
    ),
    # after pretraining: who introduced each method (the post-training pages)
    (
        2015,
        "distillation",
        "Hinton, Vinyals, Dean",
        "Distilling the Knowledge in a Neural Network",
        "arXiv:1503.02531",
    ),
    (
        2017,
        "RLHF, reward model",
        "Christiano et al.",
        "Deep Reinforcement Learning from Human Preferences",
        "arXiv:1706.03741",
    ),
    (
        2017,
        "PPO",
        "Schulman et al.",
        "Proximal Policy Optimization Algorithms",
        "arXiv:1707.06347",
    ),
    (
        2021,
        "instruction tuning",
        "Wei et al.",
        "Finetuned Language Models Are Zero-Shot Learners",
        "arXiv:2109.01652",
    ),
    (
        2021,
        "pass@k (unbiased estimator)",
        "Chen et al.",
        "Evaluating Large Language Models Trained on Code",
        "arXiv:2107.03374",
    ),
    (
        2023,
        "DPO",
        "Rafailov et al.",
        "Direct Preference Optimization: "
        "Your Language Model is Secretly a Reward Model",
        "arXiv:2305.18290",
    ),
    (
        2024,
        "GRPO",
        "Shao et al.",
        "DeepSeekMath: Pushing the Limits of Mathematical Reasoning "
        "in Open Language Models",
        "arXiv:2402.03300",
    ),
]
PAPERS.sort(key=lambda row: row[0])  # by year (stable: the order above within a year)
for year, term, authors, title, where in PAPERS:
    print(f"{year}  {term:45} {authors}, {where}")

fig, ax = plt.subplots(figsize=(10, 0.25 * len(PAPERS) + 1))  # a row per paper
for i, (year, term, authors, title, where) in enumerate(PAPERS):
    ax.plot([year], [i], "o", color="tab:blue")
    late = year > 1995  # late papers: label on the left of the dot
    ax.annotate(
        f"{term} ({authors.split(',')[0]})",
        (year, i),
        xytext=(-6 if late else 6, -3),
        textcoords="offset points",
        fontsize=8,
        ha="right" if late else "left",
    )
ax.set_yticks([])
ax.set_xlim(1940, 2026)
ax.set_ylim(len(PAPERS), -1)
ax.set_xlabel("year of publication")
ax.set_title("Where this glossary's words come from")
ax.grid(True, axis="x", alpha=0.3)
plt.show()
