import torch
from transformers.models.gemma.modeling_gemma import GemmaRMSNorm
from transformers.models.llama.modeling_llama import LlamaRMSNorm

# Hugging Face's Llama and Gemma norms, against the formula x / rms(x) * gain.
g = torch.Generator().manual_seed(0)
d_model, eps = 64, 1e-6
x = torch.randn(4, 8, d_model, generator=g) * 2              # (B, T, d_model)
w = 1 + 0.1 * torch.randn(d_model, generator=g)              # a trained-looking gain
unit = lambda t: t / torch.sqrt(t.pow(2).mean(-1, keepdim=True) + eps)  # no gain

llama = LlamaRMSNorm(d_model, eps=eps)
gemma = GemmaRMSNorm(d_model, eps=eps)
with torch.no_grad():
    llama.weight.copy_(w)
    gemma.weight.copy_(w - 1)          # Gemma stores gain - 1 and multiplies by (1 + w)
    print("Llama's weight at init:", LlamaRMSNorm(4).weight.tolist(),
          " Gemma's:", GemmaRMSNorm(4).weight.tolist())
    torch.testing.assert_close(llama(x), unit(x) * w)
    torch.testing.assert_close(gemma(x), unit(x) * w)
    print("float32: LlamaRMSNorm(x) == GemmaRMSNorm(x) == x / rms(x) * gain")

    # In bfloat16 both compute the statistics in float32, but round at different
    # moments: Llama casts back to bfloat16 *before* the gain, Gemma after it.
    xb, wb = x.to(torch.bfloat16), w.to(torch.bfloat16)
    llama.to(torch.bfloat16)
    cast_then_gain = unit(xb.float()).to(torch.bfloat16) * wb
    gain_then_cast = (unit(xb.float()) * wb.float()).to(torch.bfloat16)
    assert torch.equal(llama(xb), cast_then_gain)
    differ = (cast_then_gain != gain_then_cast).float().mean().item()
    print(f"bfloat16: LlamaRMSNorm == cast to bfloat16, then gain; gain, then cast "
          f"differs in {differ:.1%} of the outputs")
