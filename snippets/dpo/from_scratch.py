import torch
import torch.nn.functional as F

torch.manual_seed(0)

# One chat, '.<|user|>ends with a<|end|><|assistant|>' then the answer 'ava' '<|end|>':
# the log-probability the model gave each next token (positions 1 to T-1, as a model
# predicts them), and which of them belong to the answer.
tokens = [".", "<|user|>", *"ends with a", "<|end|>", "<|assistant|>", *"ava"]
tokens.append("<|end|>")
T = len(tokens)
token_logp = -torch.rand(T - 1) * 3  # log pi(token_t | tokens before t), t = 1..T-1
on_answer = torch.tensor([t > tokens.index("<|assistant|>") for t in range(1, T)])
print("answer tokens:", [tok for tok, a in zip(tokens[1:], on_answer) if a])
print(
    f"log pi(y | x) = sum over the answer's {int(on_answer.sum())} tokens = "
    f"{token_logp[on_answer].sum():.4f}"
)
print(f"(over all {T - 1} tokens, the prompt too: {token_logp.sum():.4f})")

# A batch of B = 4 pairs: sequence log-probabilities of the chosen (w) and the rejected
# (l) answer under the policy pi and under the frozen reference pi_ref, (B,) each.
pi_w = torch.tensor([-8.0, -12.5, -6.0, -20.0], requires_grad=True)
pi_l = torch.tensor([-11.0, -9.5, -6.0, -30.0], requires_grad=True)
ref_w = torch.tensor([-9.0, -12.0, -6.0, -21.0])
ref_l = torch.tensor([-10.0, -10.0, -6.0, -22.0])
beta = 0.1

r_w = beta * (pi_w - ref_w)  # implicit rewards: beta * log(pi / pi_ref)
r_l = beta * (pi_l - ref_l)
margin = (pi_w - ref_w) - (pi_l - ref_l)
loss_sigmoid = -F.logsigmoid(beta * margin)  # the DPO loss of each pair
# Bradley-Terry: P(y_w preferred to y_l) = exp(r_w) / (exp(r_w) + exp(r_l))
loss_bt = -torch.log(r_w.exp() / (r_w.exp() + r_l.exp()))
torch.testing.assert_close(loss_sigmoid, loss_bt)
loss_sigmoid.mean().backward()
print("\npair  r_w      r_l      margin  loss    d loss / d log pi(y_w)")
for i in range(4):
    print(
        f"{i:4d}  {r_w[i]:+.3f}  {r_l[i]:+.3f}  {margin[i]:+6.2f}  "
        f"{loss_sigmoid[i]:.4f}  {pi_w.grad[i]:+.5f}"
    )
print(f"mean loss {loss_sigmoid.mean():.4f}; log 2 = {torch.tensor(2.0).log():.4f}")
# the gradient is -beta * sigmoid(-beta * margin) / B on y_w, the opposite on y_l
weight = beta * torch.sigmoid(-beta * margin.detach()) / 4
torch.testing.assert_close(pi_w.grad, -weight)
torch.testing.assert_close(pi_l.grad, weight)

# Numerics: -log(sigmoid(x)) overflows where F.logsigmoid does not
x = torch.tensor([-20.0, -120.0])
print("\n-log(sigmoid(x)):", (-torch.sigmoid(x).log()).tolist())
print("-logsigmoid(x):  ", (-F.logsigmoid(x)).tolist())
