# Closed models: only what their makers published (sources on the page).
published = {
    "GPT-3 175B (OpenAI, 2020)": "175B parameters, 96 layers, d_model 12288, 96 heads "
                                 "of 128, context 2048, trained on 300B tokens",
    "GPT-4 (OpenAI, 2023)": "no architecture, size, compute or data details published",
    "Gemini 1.0 (Google DeepMind, 2023)": (
        "Nano-1 1.8B and Nano-2 3.25B parameters, context 32k; "
        "Pro and Ultra sizes not published"
    ),
}
for model, facts in published.items():
    print(f"{model:36} {facts}")
