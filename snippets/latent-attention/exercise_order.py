import math

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
# The from-scratch layer's sizes: a head's output in latent coordinates, o_lat.
H, d_model, d_c, d_v = 2, 16, 6, 4
o_lat = torch.randn(H, 1, d_c, dtype=torch.float64)  # one query, every head
W_uv = torch.randn(H, d_c, d_v, dtype=torch.float64) / math.sqrt(d_c)
W_o = torch.randn(H, d_v, d_model, dtype=torch.float64) / math.sqrt(H * d_v)
folded = (o_lat @ (W_uv @ W_o)).sum(0)  # W_uv W_o multiplied once, at load time
in_turn = ((o_lat @ W_uv) @ W_o).sum(0)  # W_uv, then W_o, at every query
torch.testing.assert_close(folded, in_turn)
print("o_lat (W_uv W_o) == (o_lat W_uv) W_o: the same output, shape",
      tuple(in_turn.shape))


# Multiply-adds per query and head, and weights, at DeepSeek-V3's sizes.
def costs(d_in, d_mid, d_out):
    """x (d_in) through (d_in, d_mid) then (d_mid, d_out), or the folded matrix."""
    return d_in * d_mid + d_mid * d_out, d_in * d_out


d_model, d_c, d_nope, d_v, d_cq = 7168, 512, 128, 128, 1536
for name, sizes in [("output: W_uv then W_o", (d_c, d_v, d_model)),
                    ("query: W_uq then W_uk^T", (d_cq, d_nope, d_c))]:
    in_turn, folded = costs(*sizes)
    assert folded >= 3 * in_turn  # several times more
    print(f"{name:24} in turn {in_turn:>9,}, folded {folded:>9,} "
          f"({folded / in_turn:.2f} times as many)")
