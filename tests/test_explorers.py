"""The explorables in a real browser (P12): the names GPT and the bigram counts running in the page,
checked against the values PyTorch computed at build time, and driven like a reader would.

snippets/names-gpt/export.py writes the weights the pages load (names_gpt_explorer.js, a script under
downloads/ that each page with an explorer links) and PyTorch's reference values on exactly those weights
(names_gpt_goldens.json, under downloads/ too); snippets/softmax/explorer_data.py does the same for the softmax
slider (softmax_*), and snippets/sampling/chat_explorer.py for the names Llama and its chat models.
Here the page's own functions run on the reference inputs and every value must agree to within TOLERANCE;
then each explorer is used through its controls (typing, sliders moved with the keyboard and by value, radio
buttons both ways, the sample buttons, hovering and arrow keys on the heatmaps) and what it displays is
compared with the reference values again. Screenshots of each explorer in both schemes go to
screenshots/explorer-*.png.
"""

from __future__ import annotations

import json

import pytest
from browser_support import IN_CI, SCHEDULE, missing_browser_reason, results, run_all
from conftest import PAGE
from test_browser import SCREENSHOTS

REASON = missing_browser_reason()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(REASON is not None and not IN_CI, reason=f"BROWSER TESTS SKIPPED: {REASON}"),
    pytest.mark.skipif(bool(PAGE), reason=f"PAGE={PAGE}: the explorers need the whole built site"),
]

# JavaScript computes in float64 from the float16 weights, PyTorch in float32 from the same weights: they
# differ by float32 rounding (about 1e-6). 1e-4 leaves room and still catches any real difference
# (a wrong eps, a transposed weight, a missing bias move the values by 1e-2 or more).
TOLERANCE = 1e-4
EXPLORER_PAGES = {
    "next-letter": ["terms/sampling"],
    "attention": ["terms/attention", "names-gpt"],
    "softmax-temperature": ["terms/softmax"],
}
SCHEMES = ("light", "dark")

COMPARE = """async (G) => {
  const E = window.glossaryExplorer, CH = '.abcdefghijklmnopqrstuvwxyz';
  const diff = (a, b) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
  let logits = 0, bigram = 0, attention = 0, probs = 0, entropy = 0;
  const keptWrong = [];
  for (const [p, z] of Object.entries(G.gpt_logits)) logits = Math.max(logits, diff(z, E.gptLogits(p)));
  for (const [p, z] of Object.entries(G.bigram_logits)) bigram = Math.max(bigram, diff(z, E.bigramLogits(p)));
  for (const [name, a] of Object.entries(G.attention)) {
    const js = E.forward([0, ...name.split('').map(c => CH.indexOf(c))]).attn;
    a.forEach((L, l) => L.forEach((H, h) => H.forEach((R, q) => {
      attention = Math.max(attention, diff(R, js[l][h][q]));
    })));
  }
  for (const c of G.filtered) {
    const z = c.model === 'gpt' ? E.gptLogits(c.prefix) : E.bigramLogits(c.prefix);
    const f = E.filtered(z, c.tau, c.k, c.p);
    probs = Math.max(probs, diff(c.probs, f));
    entropy = Math.max(entropy, Math.abs(c.entropy_bits - E.entropyBits(f)));
    const kept = f.map((v, i) => v > 0 ? i : -1).filter(i => i >= 0);
    if (JSON.stringify(kept) !== JSON.stringify(c.kept)) keptWrong.push([c.model, c.prefix, c.tau, c.k, c.p]);
  }
  // The names Llama and its chat models, on the page that offers them (loaded on demand, as a reader's pick would).
  let chat = null;
  if (document.querySelector('a[data-chat-models]')) {
    await E.loadChatModels();
    chat = {logits: 0, probs: 0, rows: G.chat_logits.length, cases: G.chat_filtered.length};
    const z = c => E.modelLogits(c.model, c.prefix, c.request);
    for (const c of G.chat_logits) chat.logits = Math.max(chat.logits, diff(c.logits, z(c)));
    for (const c of G.chat_filtered) {
      chat.probs = Math.max(chat.probs, diff(c.probs, E.filtered(z(c), c.tau, c.k, c.p)));
    }
  }
  return {logits, bigram, attention, probs, entropy, keptWrong, cases: G.filtered.length, chat,
          prefixes: Object.keys(G.gpt_logits).length, names: Object.keys(G.attention).length};
}"""


SOFTMAX = """(G) => {
  const E = window.glossaryExplorer;
  let softmax = 0;
  for (const [t, s] of Object.entries(G.softmax_after_a)) {
    const js = E.softmaxAfterA(Number(t));
    softmax = Math.max(softmax, ...s.map((v, i) => Math.abs(v - js[i])));
  }
  return {softmax, temperatures: Object.keys(G.softmax_after_a).length};
}"""


def read_goldens(build) -> dict:
    return {
        **json.loads((build.site / "downloads" / "names_gpt_goldens.json").read_text()),
        **json.loads((build.site / "downloads" / "softmax_goldens.json").read_text()),
        **json.loads((build.site / "downloads" / "names_chat_goldens.json").read_text()),
    }


@pytest.fixture(scope="session")
def goldens(built_site) -> dict:
    return read_goldens(built_site)


def case(goldens, model, prefix, tau, k, p) -> dict:
    return next(
        c
        for c in goldens["filtered"]
        if (c["model"], c["prefix"], c["tau"], c["k"], c["p"]) == (model, prefix, tau, k, p)
    )


async def open_page(browser, url: str, scheme: str = "light", js: bool = True):
    context = await browser.new_context(
        color_scheme=scheme, viewport={"width": 1280, "height": 900}, java_script_enabled=js
    )
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    await page.goto(url, wait_until="load")
    return context, page, errors


async def compare_on(browser, url: str, goldens: dict) -> dict:
    context, page, errors = await open_page(browser, url)
    await page.wait_for_function("!!window.glossaryExplorer")
    script = SOFTMAX if "softmax" in url else COMPARE
    out = await page.evaluate(script, goldens)
    out["errors"] = errors
    await context.close()
    return out


def comparison_jobs(c: dict) -> dict:
    gold = read_goldens(c["build"])
    urls = {f"served {p}": f"{c['origin']}/{p}/" for pages in EXPLORER_PAGES.values() for p in pages}
    urls["file:// terms/sampling"] = (c["offline_site"] / "terms" / "sampling.html").as_uri()
    urls["file:// names-gpt"] = (c["offline_site"] / "names-gpt.html").as_uri()
    urls["file:// terms/softmax"] = (c["offline_site"] / "terms" / "softmax.html").as_uri()
    return {where: (lambda b, u=u: compare_on(b, u, gold)) for where, u in urls.items()}


SCHEDULE["comparisons"] = comparison_jobs


@pytest.fixture(scope="session")
def comparisons(scheduled) -> dict:
    return results(scheduled, "comparisons")


@pytest.mark.parametrize(
    "where",
    [f"served {p}" for ps in EXPLORER_PAGES.values() for p in ps]
    + ["file:// terms/sampling", "file:// names-gpt", "file:// terms/softmax"],
)
def test_the_javascript_model_equals_pytorch(where, comparisons):
    r = comparisons[where]
    assert not isinstance(r, Exception), repr(r)
    assert r["errors"] == []
    if "softmax" in where:
        assert r["temperatures"] >= 5
        worst = {"softmax": r["softmax"]}
    else:
        assert (r["prefixes"], r["names"], r["cases"]) >= (20, 3, 40)
        worst = {k: r[k] for k in ("logits", "bigram", "attention", "probs", "entropy")}
    print(f"{where}: largest |JavaScript - PyTorch| {worst}")
    assert max(worst.values()) <= TOLERANCE, worst
    assert r.get("keptWrong", []) == []  # the same kept set for every reference setting
    if "sampling" in where:  # the names Llama, after SFT and after DPO: every reference row and setting
        chat = r["chat"]
        print(f"{where}: the chat models, largest |JavaScript - PyTorch| {chat}")
        assert chat["rows"] >= 28 and chat["cases"] >= 160
        assert max(chat["logits"], chat["probs"]) <= TOLERANCE, chat
    else:
        assert r.get("chat") is None  # only the sampling page offers them


# -- like a reader ------------------------------------------------------------------------------------------
async def rows(root) -> dict[str, float]:
    return await root.evaluate(
        "r => Object.fromEntries([...r.querySelectorAll('tbody tr')]"
        ".map(t => [t.dataset.letter, Number(t.dataset.prob)]))"
    )


async def shot(locator, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    await locator.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def names_the_failed_action(use):
    """A visit that fails says which: the visit, and the last thing it had read before the failing action
    (Playwright's own message names the action and the control)."""
    import functools

    @functools.wraps(use)
    async def visit(*args):
        got: dict = {}
        try:
            return await use(*args, got=got)
        except Exception as e:
            done = [k for k in got if k != "errors"]
            after = f"after reading {done[-1]!r}" if done else "before reading anything"
            raise AssertionError(f"{use.__name__}{args[2:]}: an action failed {after}: {e}") from e

    return visit


async def open_explorer(browser, url: str, kind: str, scheme: str, got: dict):
    """A page with its explorer ready: (context, page, the explorer's root, what is collected so far)."""
    context, page, errors = await open_page(browser, url, scheme)
    root = page.locator(f".explorer[data-explorer={kind}]")
    await root.wait_for(state="visible")
    got["errors"] = errors
    return context, page, root, got


@names_the_failed_action
async def use_next_letter(browser, origin: str, scheme: str, got: dict) -> dict:
    context, page, root, got = await open_explorer(browser, f"{origin}/terms/sampling/", "next-letter", scheme, got)
    prefix = root.get_by_label("Name so far (a–z)")
    await prefix.fill("")
    await prefix.press_sequentially("Chris!", delay=10)  # upper case and symbols are dropped
    got["prefix"] = await prefix.input_value()
    got["plain"] = await rows(root)
    got["summary_plain"] = await root.locator(".explorer__summary").get_attribute("data-kept")
    tau, k, p = (root.get_by_label(n) for n in ("Temperature τ", "Top-k", "Top-p"))
    await tau.fill("0.7")
    await k.fill("10")
    await p.fill("0.8")
    got["filtered"] = await rows(root)
    summary = root.locator(".explorer__summary")
    got["kept"] = int(await summary.get_attribute("data-kept"))
    got["entropy"] = float(await summary.get_attribute("data-entropy"))
    got["shown_numbers"] = await root.evaluate(
        "r => [...r.querySelectorAll('tbody tr')].map(t => [t.dataset.letter, t.children[1].textContent])"
    )
    # The keyboard moves a slider one step and the text beside it follows.
    await tau.focus()
    await page.keyboard.press("ArrowRight")
    got["tau_after_key"] = await tau.input_value()
    got["tau_text"] = await root.locator(f"output[for='{await tau.get_attribute('id')}']").text_content()
    await page.keyboard.press("ArrowLeft")
    await shot(root, f"explorer-next-letter-{scheme}")
    sample = root.get_by_role("button", name="Sample 20 names")
    names = root.locator(".explorer__names")
    await sample.click()
    got["names1"] = await names.text_content()
    await sample.click()
    got["names2"] = await names.text_content()
    await root.get_by_role("button", name="Next seed").click()
    got["names3"] = await names.text_content()
    got["seed3"] = await root.get_by_label("Seed").input_value()
    # The bigram counts, with every filter off again.
    gpt_radio, bigram_radio = root.get_by_label("the names GPT"), root.get_by_label("bigram counts")
    await bigram_radio.check()
    got["one_checked"] = [await gpt_radio.is_checked(), await bigram_radio.is_checked()]
    await prefix.fill("em")
    await tau.fill("1")
    await k.fill("27")
    await p.fill("1")
    got["bigram"] = await rows(root)
    # And back to the names GPT: by click, then to the bigram and back again by the arrow keys.
    await gpt_radio.click()
    got["back_by_click"] = [await gpt_radio.is_checked(), await bigram_radio.is_checked(), await rows(root)]
    await gpt_radio.focus()
    await page.keyboard.press("ArrowDown")
    got["down_by_key"] = [await gpt_radio.is_checked(), await bigram_radio.is_checked(), await rows(root)]
    await page.keyboard.press("ArrowUp")
    got["up_by_key"] = [await gpt_radio.is_checked(), await bigram_radio.is_checked(), await rows(root)]
    # The chat models: a request field appears, their weights load, and the bars are PyTorch's over 31 tokens.
    request = root.get_by_label("Request (the chat models)")
    got["request_hidden_for_gpt"] = await request.is_hidden()
    await root.get_by_label("the names Llama after SFT").check()
    await request.wait_for(state="visible")
    await request.fill("ends with a")
    await prefix.fill("ma")
    await page.wait_for_function(
        "() => document.querySelectorAll('.explorer[data-explorer=next-letter] tbody tr').length === 31"
    )
    got["sft"] = await rows(root)
    got["sft_k_text"] = await root.locator(f"output[for='{await k.get_attribute('id')}']").text_content()
    await root.get_by_label("after SFT and DPO").check()
    got["dpo"] = await rows(root)
    await root.get_by_label("the names Llama", exact=True).check()
    await prefix.fill("chris")
    got["llama"] = [await request.is_hidden(), await rows(root)]
    await shot(root, f"explorer-next-letter-chat-{scheme}")
    await gpt_radio.check()
    got["back_to_gpt"] = await rows(root)
    # A screen reader hears one announcement per change: ten quick slider steps, then a pause, give one.
    got["live_regions"] = await root.evaluate(
        "r => [...r.querySelectorAll('[aria-live], [role=status], output')]"
        ".filter(e => e.getAttribute('aria-live') !== 'off').map(e => e.className)"
    )
    await root.evaluate(
        "r => { window.__announced = []; const live = r.querySelector('.explorer__status');"
        " new MutationObserver(() => window.__announced.push(live.textContent))"
        ".observe(live, {childList: true, characterData: true, subtree: true}); }"
    )
    await tau.focus()
    for _ in range(10):
        await page.keyboard.press("ArrowLeft")
    await page.wait_for_timeout(1200)
    got["announced"] = await page.evaluate("window.__announced")
    got["summary_after_steps"] = await root.locator(".explorer__summary").text_content()
    # Every control shows a focus ring when the keyboard reaches it.
    got["outlines"] = []
    for control in (gpt_radio, tau, prefix, root.get_by_label("Seed")):
        await control.focus()
        await page.keyboard.press("Shift+Tab")
        await page.keyboard.press("Tab")
        got["outlines"].append(
            await control.evaluate(
                "e => { const s = getComputedStyle(e); return [document.activeElement === e, s.outlineStyle, "
                "parseFloat(s.outlineWidth)]; }"
            )
        )
    await context.close()
    return got


@names_the_failed_action
async def use_attention(browser, origin: str, where: str, scheme: str, got: dict) -> dict:
    context, page, root, got = await open_explorer(browser, f"{origin}/{where}/", "attention", scheme, got)
    name = root.get_by_label("Name (a–z)")
    await name.fill("")
    await name.press_sequentially("jordan", delay=10)
    got["maps"] = await root.locator("table.explorer__map").count()
    cell = root.locator("table[data-layer='1'][data-head='2'] td[data-q='4'][data-k='2']")
    await cell.hover()
    detail = root.locator(".explorer__summary")
    got["hover_text"] = await detail.text_content()
    got["hover_weight"] = float(await detail.get_attribute("data-weight"))
    first = root.locator("table[data-layer='0'][data-head='0'] td[data-q='0'][data-k='0']")
    await first.focus()
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("ArrowRight")
    got["focused"] = await page.evaluate("[document.activeElement.dataset.q, document.activeElement.dataset.k]")
    got["focus_weight"] = float(await detail.get_attribute("data-weight"))
    await shot(root, f"explorer-attention-{where.replace('/', '_')}-{scheme}")
    await context.close()
    # On a phone the eight maps stack: a tap on a cell of the last map shows its weight right under that map.
    context = await browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844}, has_touch=True)
    page = await context.new_page()
    await page.goto(f"{origin}/{where}/", wait_until="load")
    root = page.locator(".explorer[data-explorer=attention]")
    cell = root.locator("table[data-layer='1'][data-head='3'] td[data-q='3'][data-k='1']")
    await cell.scroll_into_view_if_needed()
    await cell.tap()
    got["tap_weight"] = float(await root.locator(".explorer__summary").get_attribute("data-weight"))
    got["tap_gap_px"] = await page.evaluate(
        """() => {
             const cell = document.querySelector(
               ".explorer[data-explorer=attention] table[data-layer='1'][data-head='3'] td[data-q='3'][data-k='1']");
             const readout = document.querySelector(".explorer[data-explorer=attention] .explorer__summary");
             return readout.getBoundingClientRect().top - cell.getBoundingClientRect().bottom;
           }"""
    )
    await context.close()
    return got


@names_the_failed_action
async def use_softmax(browser, origin: str, scheme: str, got: dict) -> dict:
    context, page, root, got = await open_explorer(
        browser, f"{origin}/terms/softmax/", "softmax-temperature", scheme, got
    )
    tau = root.get_by_label("Temperature τ")
    for t in ("0.5", "2", "0.25"):
        await tau.fill(t)
        got[t] = await rows(root)
    await shot(root, f"explorer-softmax-temperature-{scheme}")
    await context.close()
    return got


async def without_javascript(browser, origin: str) -> dict:
    out = {}
    for where in ("terms/sampling", "terms/attention", "terms/softmax", "names-gpt"):
        context, page, _ = await open_page(browser, f"{origin}/{where}/", js=False)
        out[where] = {
            "explorers_shown": await page.locator(".explorer:visible").count(),
            "figures_shown": await page.locator(".exec-figure img:visible").count(),
        }
        await context.close()
    return out


def use_jobs(c: dict) -> dict:
    origin, jobs = c["origin"], {}
    for scheme in SCHEMES:
        jobs[("next-letter", scheme)] = lambda b, s=scheme: use_next_letter(b, origin, s)
        jobs[("softmax", scheme)] = lambda b, s=scheme: use_softmax(b, origin, s)
        for where in EXPLORER_PAGES["attention"]:
            jobs[("attention", where, scheme)] = lambda b, w=where, s=scheme: use_attention(b, origin, w, s)
    jobs[("no-js",)] = lambda b: without_javascript(b, origin)
    return jobs


SCHEDULE["used"] = use_jobs


@pytest.fixture(scope="session")
def used(scheduled) -> dict:
    return results(scheduled, "used")


def result(used, *key):
    r = used[key]
    if isinstance(r, Exception):
        pytest.fail(f"{key}: {r!r}")
    assert r.get("errors", []) == []
    return r


CHAT_VOCAB = [*".abcdefghijklmnopqrstuvwxyz", " ", "<|user|>", "<|assistant|>", "<|end|>"]


def close(shown: dict, probs: list[float]) -> bool:
    vocab = CHAT_VOCAB[: len(probs)]
    return len(shown) == len(probs) and max(abs(shown[c] - probs[i]) for i, c in enumerate(vocab)) <= TOLERANCE


def chat_case(goldens, model, request, prefix) -> list[float]:
    return next(
        c["probs"]
        for c in goldens["chat_filtered"]
        if (c["model"], c["request"], c["prefix"]) == (model, request, prefix)
        and (c["tau"], c["k"], c["p"]) == (1.0, None, None)
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_next_letter_explorer_shows_pytorchs_distribution(scheme, used, goldens):
    r = result(used, "next-letter", scheme)
    assert r["prefix"] == "chris"
    assert close(r["plain"], case(goldens, "gpt", "chris", 1.0, None, None)["probs"])
    c = case(goldens, "gpt", "chris", 0.7, 10, 0.8)
    assert close(r["filtered"], c["probs"])
    assert r["kept"] == len(c["kept"]) and abs(r["entropy"] - c["entropy_bits"]) <= TOLERANCE
    chars = ".abcdefghijklmnopqrstuvwxyz"
    # The numbers as text beside the bars: 4 decimals of the reference value, or "cut".
    expected = {chars[i]: (f"{v:.4f}" if v > 0 else "cut") for i, v in enumerate(c["probs"])}
    assert all(
        text == expected[letter] or abs(float(text) - float(expected[letter])) <= 1.01e-4
        for letter, text in r["shown_numbers"]
        if text != "cut" or expected[letter] != "cut"
    )
    assert (r["tau_after_key"], r["tau_text"]) == ("0.75", "0.75")
    assert close(r["bigram"], case(goldens, "bigram", "em", 1.0, None, None)["probs"])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_model_switches_both_ways_by_click_and_by_keyboard(scheme, used, goldens):
    """The two model radios are one group: one is checked at a time, and the reader can go back."""
    r = result(used, "next-letter", scheme)
    gpt = case(goldens, "gpt", "em", 1.0, None, None)["probs"]
    bigram = case(goldens, "bigram", "em", 1.0, None, None)["probs"]
    assert r["one_checked"] == [False, True]
    assert r["back_by_click"][:2] == [True, False] and close(r["back_by_click"][2], gpt)
    assert r["down_by_key"][:2] == [False, True] and close(r["down_by_key"][2], bigram)
    assert r["up_by_key"][:2] == [True, False] and close(r["up_by_key"][2], gpt)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_chat_models_load_and_show_pytorchs_distribution(scheme, used, goldens):
    """Picking the names Llama after SFT (or DPO) loads their weights; with a request, the bars over the 31
    tokens are PyTorch's; the base names Llama and the names GPT come back without the request field."""
    r = result(used, "next-letter", scheme)
    assert r["request_hidden_for_gpt"]
    assert close(r["sft"], chat_case(goldens, "sft", "ends with a", "ma"))
    assert close(r["dpo"], chat_case(goldens, "dpo", "ends with a", "ma"))
    assert r["sft_k_text"] == "off (all 31)"
    assert r["llama"][0] and close(r["llama"][1], chat_case(goldens, "llama", None, "chris"))
    assert close(r["back_to_gpt"], case(goldens, "gpt", "chris", 1.0, None, None)["probs"])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_change_is_announced_once(scheme, used):
    """Only the hidden status region is live, and ten quick slider steps give it one announcement: the
    summary as it stands after the last step (not ten, and not the sliders' own outputs as well)."""
    r = result(used, "next-letter", scheme)
    assert r["live_regions"] == ["explorer__status"]
    assert r["announced"] == [r["summary_after_steps"]]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_control_shows_a_focus_ring(scheme, used):
    r = result(used, "next-letter", scheme)
    assert all(focused and style != "none" and width >= 2 for focused, style, width in r["outlines"]), r["outlines"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_same_seed_samples_the_same_names(scheme, used):
    r = result(used, "next-letter", scheme)
    first = r["names1"].split(", ")
    assert len(first) == 20 and all(n.isalpha() and n.islower() for n in first)
    assert r["names1"] == r["names2"]
    assert r["names3"] != r["names1"] and r["seed3"] == "1"


@pytest.mark.parametrize("where", EXPLORER_PAGES["attention"])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_attention_explorer_shows_pytorchs_weights(where, scheme, used, goldens):
    r = result(used, "attention", where, scheme)
    assert r["maps"] == 8  # 2 layers x 4 heads
    w = goldens["attention"]["jordan"][1][2][4][2]
    assert abs(r["hover_weight"] - w) <= TOLERANCE
    assert "query 'd' (position 4)" in r["hover_text"] and "key 'o' (position 2)" in r["hover_text"]
    assert f"{w:.4f}"[:-1] in r["hover_text"]
    assert r["focused"] == ["2", "1"]
    assert abs(r["focus_weight"] - goldens["attention"]["jordan"][0][0][2][1]) <= TOLERANCE
    # A tap on a phone (default name "isabella") shows the tapped cell's weight within a short scroll below it.
    assert abs(r["tap_weight"] - goldens["attention"]["isabella"][1][3][3][1]) <= TOLERANCE
    assert 0 <= r["tap_gap_px"] <= 300, r["tap_gap_px"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_softmax_slider_shows_pytorchs_softmax(scheme, used, goldens):
    r = result(used, "softmax", scheme)
    for t in ("0.5", "2", "0.25"):
        ref = goldens["softmax_after_a"][str(float(t))]
        assert close(r[t], ref), t


def test_without_javascript_the_static_figures_remain(used):
    r = result(used, "no-js")
    assert all(v["explorers_shown"] == 0 and v["figures_shown"] > 0 for v in r.values()), r


def compare_broken(origin: str, goldens, path: str, *scripts: str) -> dict:
    """The page's values against PyTorch's after `scripts` broke the model the page computes with."""

    async def job(browser):
        context, page, _ = await open_page(browser, f"{origin}{path}")
        await page.wait_for_function("!!window.glossaryExplorer")
        for script in scripts:
            await page.evaluate(script)
        out = await page.evaluate(COMPARE, goldens)
        await context.close()
        return out

    broken = run_all([job])[0]
    assert not isinstance(broken, Exception), repr(broken)
    return broken


def test_a_wrong_model_is_caught(comparisons, origin, goldens):
    """The comparison can fail: with a LayerNorm eps of 1e-3 in the page, the logits move far beyond 1e-4."""
    # The loaded data is the object the page's functions read: a wrong eps in it is a wrong model.
    broken = compare_broken(origin, goldens, "/names-gpt/", "() => { window.glossaryExplorerData.config.eps = 1e-3; }")
    assert broken["logits"] > 100 * TOLERANCE


def test_a_wrong_chat_model_is_caught(comparisons, origin, goldens):
    """The same for the Llama models: an RMSNorm eps of 1e-2 in the SFT model's config moves its logits."""
    broken = compare_broken(
        origin,
        goldens,
        "/terms/sampling/",
        "() => window.glossaryExplorer.loadChatModels()",
        "() => { window.glossaryChatModels.sft.config.eps = 1e-2; }",
    )
    assert broken["chat"]["logits"] > 100 * TOLERANCE
