# A tiny character-level model of names.txt whose feed-forward network is 4 experts
# with top-2 routing, trained here with the load-balancing loss; then where its
# router sends the tokens.
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)
words = open("names.txt").read().split()
chars = ["."] + sorted(set("".join(words)))  # 27 tokens, "." ends a name
stoi = {c: i for i, c in enumerate(chars)}
ctx = 3  # the model reads the last 3 characters
X, Y = [], []
for w in words:
    context = [0] * ctx
    for c in w + ".":
        X.append(context)
        Y.append(stoi[c])
        context = context[1:] + [stoi[c]]
X, Y = torch.tensor(X), torch.tensor(Y)
perm = torch.randperm(len(X))
n_train = int(0.9 * len(X))
Xtr, Ytr = X[perm[:n_train]], Y[perm[:n_train]]
Xva, Yva = X[perm[n_train:]], Y[perm[n_train:]]


# --- the routed MoE layer
def expert(x, W_gate, W_up, W_down):
    """One expert: a SwiGLU feed-forward network, (n, d_model) -> (n, d_model)."""
    z = x @ W_gate
    return (z * torch.sigmoid(z)) * (x @ W_up) @ W_down


def moe(x, W_r, experts, k):
    """x (N, d_model) tokens, W_r (d_model, E) the router, experts: E triples
    (W_gate, W_up, W_down). Every token goes to its k best experts. Returns the
    output, the router's probabilities and its choices."""
    p = torch.softmax(x @ W_r, dim=-1)  # (N, E) router probabilities
    top_p, top_e = p.topk(k, dim=-1)  # (N, k) the k largest, and which experts
    q = top_p / top_p.sum(dim=-1, keepdim=True)  # renormalised: rows sum to 1
    out = torch.zeros_like(x)
    for e, (W_gate, W_up, W_down) in enumerate(experts):
        tok, slot = torch.where(top_e == e)  # the tokens that chose expert e
        y = expert(x[tok], W_gate, W_up, W_down)  # computed for those only
        out.index_add_(0, tok, y * q[tok, slot, None])  # added back, weighted
    return out, p, top_e


def load_balancing_loss(p, top_e, E):
    """E * sum_e f_e * mean_p_e: f_e the share of tokens sent to expert e."""
    f = torch.bincount(top_e.flatten(), minlength=E) / len(p)
    mean_p = p.mean(dim=0)
    return E * (f * mean_p).sum()


# --- end of the routed MoE layer


V, d_model, d_ff, E, k, delta = 27, 32, 32, 4, 2, 0.01
params = {
    "embedding": 0.5 * torch.randn(ctx, V, d_model),  # one table per position
    "router": 0.1 * torch.randn(d_model, E),
    "experts": [
        [torch.randn(d_model, d_ff) / d_model**0.5,
         torch.randn(d_model, d_ff) / d_model**0.5,
         torch.randn(d_ff, d_model) / d_ff**0.5]
        for _ in range(E)
    ],
    "output": torch.randn(d_model, V) / d_model**0.5,
}
leaves = [params["embedding"], params["router"], params["output"]]
leaves += [W for triple in params["experts"] for W in triple]
for t in leaves:
    t.requires_grad_(True)


def forward(xb):
    x = sum(params["embedding"][i][xb[:, i]] for i in range(ctx))  # (N, d_model)
    x = x / x.norm(dim=-1, keepdim=True) * d_model**0.5  # RMS-normalised
    h, p, top_e = moe(x, params["router"], params["experts"], k)
    return (x + h) @ params["output"], p, top_e  # residual, then logits


init = [t.detach().clone() for t in leaves]  # both runs below start from these weights
rng = torch.get_rng_state()  # and draw the same batches


def train(delta):
    """600 steps of AdamW from `init`, with the load-balancing loss weighted by delta;
    returns the validation cross-entropy, load-balancing loss and routing."""
    with torch.no_grad():
        for t, t0 in zip(leaves, init):
            t.copy_(t0)
    torch.set_rng_state(rng)
    opt = torch.optim.AdamW(leaves, lr=1e-2, weight_decay=0.0)
    for step in range(600):
        idx = torch.randint(0, len(Xtr), (256,))
        logits, p, top_e = forward(Xtr[idx])
        ce = F.cross_entropy(logits, Ytr[idx])
        loss = ce + delta * load_balancing_loss(p, top_e, E)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        logits, p, top_e = forward(Xva)
        return F.cross_entropy(logits, Yva), load_balancing_loss(p, top_e, E), top_e


ce_0, aux_0, top_e_0 = train(0.0)  # for comparison: no load-balancing loss
ce_val, aux, top_e = train(delta)  # the model shown in the plot
uniform = torch.log(torch.tensor(27.0))
print(f"validation cross-entropy {ce_val:.3f} nats (a uniform guess: {uniform:.3f})")
print(f"load-balancing loss {aux:.3f} (perfectly balanced: {k})")

expert_size = sum(W.numel() for W in params["experts"][0])
total = sum(t.numel() for t in leaves)
active = total - (E - k) * expert_size
print(f"parameters: total {total:,}, active per token {active:,} "
      f"({E} experts of {expert_size:,}, {k} used)")

first = torch.bincount(top_e[:, 0], minlength=E)
second = torch.bincount(top_e[:, 1], minlength=E)
print("validation tokens per expert, as first choice:", first.tolist(),
      " as second:", second.tolist())
print(f"both choices: {(first + second).tolist()}, balanced: {len(Xva) * k // E} each")
print(f"trained without the load-balancing loss (delta = 0): cross-entropy {ce_0:.3f}, "
      f"load-balancing loss {aux_0:.3f}, both choices "
      f"{torch.bincount(top_e_0.flatten(), minlength=E).tolist()}")
last = Xva[:, -1]  # the character just read
share = torch.zeros(V, E)  # for each character, the share of its tokens per expert
share.index_put_((last[:, None].expand(-1, k), top_e), torch.ones(len(last), k),
                 accumulate=True)
share = share / torch.bincount(last, minlength=V)[:, None]

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 4.2), width_ratios=[1, 2.2])
ax1.bar(range(E), first.tolist(), label="first choice")
ax1.bar(range(E), second.tolist(), bottom=first.tolist(), label="second choice")
ax1.axhline(len(Xva) * k / E, color="gray", ls="--", lw=1, label="balanced")
ax1.set_xticks(range(E))
ax1.set_xlabel("expert")
ax1.set_ylabel("validation tokens")
ax1.set_ylim(0, 1.4 * max((first + second).tolist()))
ax1.legend(fontsize=8, loc="upper left")
im = ax2.imshow(share.T.numpy(), aspect="auto", cmap="viridis", vmin=0, vmax=1)
ax2.set_xticks(range(V), chars)
ax2.set_yticks(range(E))
ax2.set_xlabel("last character read")
ax2.set_ylabel("expert")
fig.colorbar(im, ax=ax2, label="share of the tokens sent to the expert")
fig.suptitle("Routing of the names model: 4 experts, top-2")
fig.tight_layout()
plt.show()
