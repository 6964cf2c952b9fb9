import math

import matplotlib.pyplot as plt
import torch

p = torch.linspace(0.005, 1.0, 400)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(p.tolist(), (-p.log()).tolist(), color="tab:blue", label="loss = -log(p)")
ax.plot([1 / math.e], [1.0], "o", color="tab:red")
ax.annotate(f"p = 1/e = {1 / math.e:.4f}, loss = 1", xy=(1 / math.e, 1.0),
            xytext=(0.45, 2.2), arrowprops={"arrowstyle": "->"})
ax.plot([1.0], [0.0], "o", color="tab:green")
ax.annotate("p = 1, loss = 0", xy=(1.0, 0.0), xytext=(0.72, 0.9),
            arrowprops={"arrowstyle": "->"})
ax.set_xlabel("probability the model gives the correct class, p")
ax.set_ylabel("loss = -log(p)  (nats)")
ax.set_title("Cross-entropy of one example: certain and right costs 0")
ax.set_ylim(0, 5.5)
ax.grid(True, alpha=0.3)
ax.legend()
plt.show()
