# Who released what, when, under which licence. The last column says where the date
# and licence were checked: "maker" = the maker's own record (its repository history,
# licence file, paper or blog post); "reports" = reports of the release only (the
# maker's announcement, listed on the page, was not read).
import datetime

OPEN = [  # release date, model, organisation, licence of the weights, checked against
    ("2019-02-14", "GPT-2", "OpenAI", "Modified MIT", "maker"),
    ("2023-07-18", "Llama 2", "Meta", "Llama 2 Community (custom)", "maker"),
    ("2023-09-27", "Mistral 7B", "Mistral AI", "Apache 2.0", "maker"),
    ("2023-11-29", "DeepSeek LLM", "DeepSeek", "DeepSeek License (custom)", "maker"),
    ("2023-12-11", "Mixtral 8x7B", "Mistral AI", "Apache 2.0", "reports"),
    ("2024-02-01", "OLMo", "Ai2", "Apache 2.0", "maker"),
    ("2024-02-21", "Gemma", "Google", "Gemma Terms of Use (custom)", "reports"),
    ("2024-04-18", "Llama 3", "Meta", "Llama 3 Community (custom)", "maker"),
    ("2024-06-06", "Qwen2", "Alibaba (Qwen)", "Apache 2.0 (7B)", "maker"),
    ("2024-06-27", "Gemma 2", "Google", "Gemma Terms of Use (custom)", "reports"),
    ("2024-07-23", "Llama 3.1", "Meta", "Llama 3.1 Community (custom)", "maker"),
    ("2024-09-19", "Qwen2.5", "Alibaba (Qwen)", "Apache 2.0 (7B)", "maker"),
    ("2024-11-26", "OLMo 2", "Ai2", "Apache 2.0", "reports"),
    ("2024-12-26", "DeepSeek-V3", "DeepSeek", "DeepSeek License (custom)", "maker"),
    ("2025-01-20", "DeepSeek-R1", "DeepSeek", "MIT", "maker"),
    ("2025-03-12", "Gemma 3", "Google", "Gemma Terms of Use (custom)", "reports"),
    ("2025-04-05", "Llama 4", "Meta", "Llama 4 Community (custom)", "maker"),
    ("2025-04-29", "Qwen3", "Alibaba (Qwen)", "Apache 2.0", "maker"),
    ("2025-08-05", "gpt-oss", "OpenAI", "Apache 2.0", "maker"),
    ("2026-03-16", "Mistral Small 4", "Mistral AI", "Apache 2.0", "reports"),
]
CLOSED = [  # release date, model, organisation, published on size, checked against
    ("2020-05-28", "GPT-3", "OpenAI", "175B; 96 layers, d_model 12288", "maker"),
    ("2023-03-14", "GPT-4", "OpenAI", "no size or architecture published", "reports"),
    ("2023-12-06", "Gemini 1.0", "Google", "Nano: 1.8B, 3.25B; others not", "reports"),
    ("2024-02-15", "Gemini 1.5", "Google", "a mixture of experts; no size", "reports"),
    ("2024-03-04", "Claude 3", "Anthropic", "no size published", "reports"),
    ("2024-05-13", "GPT-4o", "OpenAI", "no size published", "reports"),
    ("2024-06-20", "Claude 3.5 Sonnet", "Anthropic", "no size published", "reports"),
    ("2024-09-12", "o1 (preview)", "OpenAI", "no size published", "reports"),
    ("2024-12-11", "Gemini 2.0", "Google", "no size published", "reports"),
    ("2025-03-25", "Gemini 2.5", "Google", "no size published", "reports"),
    ("2025-04-16", "o3", "OpenAI", "no size published", "maker"),
    ("2025-05-22", "Claude 4", "Anthropic", "no size published", "reports"),
    ("2025-08-07", "GPT-5", "OpenAI", "no size published", "reports"),
]

print("Open-weight families (first release of each):")
for date, model, org, licence, checked in OPEN:
    print(f"  {date}  {model:16} {org:16} {licence:28} {checked}")
print("Closed models (weights not released):")
for date, model, org, size, checked in CLOSED:
    print(f"  {date}  {model:18} {org:16} {size:33} {checked}")

dates = [datetime.date.fromisoformat(row[0]) for row in OPEN + CLOSED]
assert all(a <= b for a, b in zip(dates[: len(OPEN)], dates[1 : len(OPEN)]))
newest = max(dates)
print(f"As of {newest}: the newest release in these tables.")
custom = [row[1] for row in OPEN if "custom" in row[3]]
print(f"Custom licences: {len(custom)} of {len(OPEN)} families ({', '.join(custom)})")
