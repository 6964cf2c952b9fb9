import torch


def cross_entropy(logits: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    """Cross-entropy by hand, step by step. logits: (B, C), Y: (B,)"""
    B = Y.shape[0]
    counts = logits.exp()                                # (B, C) "count-like"
    probs = counts / counts.sum(dim=1, keepdim=True)     # (B, C) softmax
    picked = probs[torch.arange(B), Y]                   # (B,) p of the right class
    return -picked.log().mean()                          # mean negative log-likelihood


g = torch.Generator().manual_seed(42)
logits = torch.randn(3, 5, generator=g)    # B = 3 examples, C = 5 classes
Y = torch.tensor([3, 3, 3])                # the correct class of each example
print("loss:", cross_entropy(logits, Y).item())
