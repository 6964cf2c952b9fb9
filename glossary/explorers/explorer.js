/* The glossary's explorables: the names GPT and the bigram counts, running in the reader's browser.
 *
 * Plain JavaScript, no framework: the Markdown extension (glossary/markdown_ext.py) inlines this file into each
 * page that shows an explorer, with hidden links to the data that snippets wrote at build time as scripts
 * under downloads/ (snippets/names-gpt/export.py: float16 weights in base64 and the bigram counts of
 * names.txt; snippets/softmax/explorer_data.py: one row of logits), which this file loads with <script src>:
 * one file shared by every page, kept by the browser, and loadable from file:// as well.
 * tests/test_explorers.py runs these functions on the inputs of the reference values PyTorch computed in the
 * same snippet (names_gpt_goldens.json) and compares, then drives every control like a reader.
 *
 * Every computation mirrors a snippet of the site: the forward pass is the GPT class of names-gpt/train.py,
 * the filters are `filtered` of sampling/names_gpt.py (temperature, then top-k, then top-p; sorting is
 * stable, lower id first among equal probabilities), the bigram model is the smoothed counts of
 * sampling/from_scratch.py, the softmax slider reads the logits of snippets/softmax/explorer_data.py.
 * Numbers are float64 here and float32 in PyTorch.
 */
(function () {
  "use strict";

  // The data files of this page's explorers: hidden links (a[data-explorer-data]) to scripts under downloads/
  // that add to window.glossaryExplorerData. Loaded once by the browser for every page that links them.
  var LINKS = document.querySelectorAll("a[data-explorer-data]");
  if (!LINKS.length) return;
  var DATA = null, CHARS = null, CFG = null;  // set once the data has loaded (start, at the end)

  function loadScript(src) {  // a <script src>: it works from file:// as well as from a server
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  // ---- the model ------------------------------------------------------------------------------------
  function half(bits) {  // IEEE 754 binary16 -> number
    var sign = bits & 0x8000 ? -1 : 1, exp = (bits >> 10) & 0x1f, frac = bits & 0x3ff;
    if (exp === 0) return sign * Math.pow(2, -14) * (frac / 1024);
    if (exp === 31) return frac ? NaN : sign * Infinity;
    return sign * Math.pow(2, exp - 15) * (1 + frac / 1024);
  }

  var W = null;  // tensor name -> {shape, data}
  function weights() {
    if (W) return W;
    var bin = atob(DATA.weights_f16), all = new Float64Array(bin.length / 2);
    for (var i = 0; i < all.length; i++) all[i] = half(bin.charCodeAt(2 * i) | (bin.charCodeAt(2 * i + 1) << 8));
    W = {};
    var offset = 0;
    DATA.tensors.forEach(function (t) {
      var n = t[1].reduce(function (a, b) { return a * b; }, 1);
      W[t[0]] = { shape: t[1], data: all.subarray(offset, offset + n) };
      offset += n;
    });
    return W;
  }

  function linear(x, w, b) {  // nn.Linear: weight (out, in), y = W x + b
    var out = w.shape[0], inp = w.shape[1], y = new Float64Array(out);
    for (var i = 0; i < out; i++) {
      var s = b ? b.data[i] : 0, row = i * inp;
      for (var j = 0; j < inp; j++) s += w.data[row + j] * x[j];
      y[i] = s;
    }
    return y;
  }

  function layerNorm(x, g, b) {  // nn.LayerNorm: biased variance, eps 1e-5
    var n = x.length, mean = 0, v = 0, y = new Float64Array(n);
    for (var i = 0; i < n; i++) mean += x[i];
    mean /= n;
    for (i = 0; i < n; i++) v += (x[i] - mean) * (x[i] - mean);
    var inv = 1 / Math.sqrt(v / n + CFG.eps);
    for (i = 0; i < n; i++) y[i] = (x[i] - mean) * inv * g.data[i] + b.data[i];
    return y;
  }

  function gelu(x) {  // nn.GELU(approximate="tanh")
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  }

  function softmax(z) {
    var m = -Infinity, i, p = new Float64Array(z.length), s = 0;
    for (i = 0; i < z.length; i++) if (z[i] > m) m = z[i];
    for (i = 0; i < z.length; i++) { p[i] = z[i] === -Infinity ? 0 : Math.exp(z[i] - m); s += p[i]; }
    for (i = 0; i < z.length; i++) p[i] /= s;
    return p;
  }

  /* The names GPT on token ids (the first is 0, the '.' that starts a name): the logits of every position
   * and the attention weights of every head, attn[layer][head][query][key] (0 above the diagonal). */
  function forward(ids) {
    var w = weights(), d = CFG.d_model, H = CFG.H, dh = d / H, T = ids.length, t, s, i;
    var x = [];
    for (t = 0; t < T; t++) {
      var e = new Float64Array(d);
      for (i = 0; i < d; i++) e[i] = w["tok.weight"].data[ids[t] * d + i] + w["pos.weight"].data[t * d + i];
      x.push(e);
    }
    var attn = [];
    for (var l = 0; l < CFG.L; l++) {
      var p = "blocks." + l + ".";
      var qkv = x.map(function (xt) { return linear(layerNorm(xt, w[p + "ln1.weight"], w[p + "ln1.bias"]), w[p + "qkv.weight"], w[p + "qkv.bias"]); });
      var heads = [], mixed = x.map(function () { return new Float64Array(d); });
      for (var h = 0; h < H; h++) {
        var rows = [];
        for (t = 0; t < T; t++) {
          var scores = new Float64Array(T).fill(-Infinity);
          for (s = 0; s <= t; s++) {
            var dot = 0;
            for (i = 0; i < dh; i++) dot += qkv[t][h * dh + i] * qkv[s][d + h * dh + i];
            scores[s] = dot / Math.sqrt(dh);
          }
          var a = softmax(scores);
          for (s = 0; s <= t; s++) for (i = 0; i < dh; i++) mixed[t][h * dh + i] += a[s] * qkv[s][2 * d + h * dh + i];
          rows.push(Array.from(a));
        }
        heads.push(rows);
      }
      attn.push(heads);
      x = x.map(function (xt, t2) {
        var o = linear(mixed[t2], w[p + "proj.weight"], w[p + "proj.bias"]), y = new Float64Array(d);
        for (i = 0; i < d; i++) y[i] = xt[i] + o[i];
        var m = linear(layerNorm(y, w[p + "ln2.weight"], w[p + "ln2.bias"]), w[p + "mlp.0.weight"], w[p + "mlp.0.bias"]);
        for (i = 0; i < m.length; i++) m[i] = gelu(m[i]);
        var f = linear(m, w[p + "mlp.2.weight"], w[p + "mlp.2.bias"]);
        for (i = 0; i < d; i++) y[i] += f[i];
        return y;
      });
    }
    var logits = x.map(function (xt) { return Array.from(linear(layerNorm(xt, w["ln_f.weight"], w["ln_f.bias"]), w["head.weight"], null)); });
    return { logits: logits, attn: attn };
  }

  function ids(prefix) { return [0].concat(prefix.split("").map(function (c) { return CHARS.indexOf(c); })); }

  function gptLogits(prefix) { var out = forward(ids(prefix)).logits; return out[out.length - 1]; }

  function bigramLogits(prefix) {  // log of the smoothed counts of the letters after the last one
    var row = DATA.bigram_counts[CHARS.indexOf(("." + prefix).slice(-1))];
    return row.map(function (n) { return Math.log(n + 1); });
  }

  // ---- the names Llama, and the same model after SFT and after DPO (loaded when the reader picks one) -------
  /* snippets/sampling/chat_explorer.py writes names_chat_explorer.js (downloads/): their float16 weights and
   * the chat vocabulary. It is a script, not JSON, so that it loads from file:// as well; the page links it
   * (a[data-chat-models]) and this code adds a <script> with that address the first time it is needed. */
  var CHAT = null, chatLoading = null;
  function loadChatModels() {
    if (CHAT) return Promise.resolve(CHAT);
    if (chatLoading) return chatLoading;
    var link = document.querySelector("a[data-chat-models]");
    if (!link) return Promise.reject(new Error("no link to the chat models on this page"));
    chatLoading = loadScript(link.href).then(
      function () { CHAT = window.glossaryChatModels; return CHAT; },
      function (e) { chatLoading = null; throw e; }
    );
    return chatLoading;
  }

  var LW = {};  // model key -> tensor name -> {shape, data}
  function llamaWeights(key) {
    if (LW[key]) return LW[key];
    var m = CHAT[key], bin = atob(m.weights_f16), all = new Float64Array(bin.length / 2), i, offset = 0;
    for (i = 0; i < all.length; i++) all[i] = half(bin.charCodeAt(2 * i) | (bin.charCodeAt(2 * i + 1) << 8));
    LW[key] = {};
    m.tensors.forEach(function (t) {
      var n = t[1].reduce(function (a, b) { return a * b; }, 1);
      LW[key][t[0]] = { shape: t[1], data: all.subarray(offset, offset + n) };
      offset += n;
    });
    return LW[key];
  }

  function rmsNorm(x, g, eps) {  // RMSNorm: x / sqrt(mean(x^2) + eps) * g, no mean subtracted, no bias
    var ms = 0, i, y = new Float64Array(x.length);
    for (i = 0; i < x.length; i++) ms += x[i] * x[i];
    var inv = 1 / Math.sqrt(ms / x.length + eps);
    for (i = 0; i < x.length; i++) y[i] = x[i] * inv * g.data[i];
    return y;
  }

  function rope(v, heads, dk, pos, theta) {  // rotate each head's halves (i, i + dk/2) by pos * omega_i
    var y = new Float64Array(v.length), half2 = dk / 2;
    for (var h = 0; h < heads; h++) {
      for (var i = 0; i < half2; i++) {
        var a = pos / Math.pow(theta, (2 * i) / dk), c = Math.cos(a), s = Math.sin(a);
        var x1 = v[h * dk + i], x2 = v[h * dk + half2 + i];
        y[h * dk + i] = x1 * c - x2 * s;
        y[h * dk + half2 + i] = x2 * c + x1 * s;
      }
    }
    return y;
  }

  /* The Llama class of snippets/names-llama/train.py on token ids: the logits of every position. Query head h
   * reads key-value head floor(h / (H / H_kv)) (repeat_interleave); SwiGLU: down(silu(gate x) * up x). */
  function llamaForward(key, tokens) {
    var c = CHAT[key].config, w = llamaWeights(key), d = c.d_model, H = c.H, Hkv = c.H_kv, dk = d / H;
    var group = H / Hkv, T = tokens.length, t, s, i;
    var x = tokens.map(function (id) { return Float64Array.from(w["embed_tokens.weight"].data.subarray(id * d, (id + 1) * d)); });
    for (var l = 0; l < c.L; l++) {
      var p = "layers." + l + ".";
      var hs = x.map(function (xt) { return rmsNorm(xt, w[p + "input_layernorm.weight"], c.eps); });
      var q = hs.map(function (h, pos) { return rope(linear(h, w[p + "q_proj.weight"]), H, dk, pos, c.theta); });
      var k = hs.map(function (h, pos) { return rope(linear(h, w[p + "k_proj.weight"]), Hkv, dk, pos, c.theta); });
      var v = hs.map(function (h) { return linear(h, w[p + "v_proj.weight"]); });
      var mixed = x.map(function () { return new Float64Array(d); });
      for (var h = 0; h < H; h++) {
        var kv = Math.floor(h / group);
        for (t = 0; t < T; t++) {
          var scores = new Float64Array(t + 1);
          for (s = 0; s <= t; s++) {
            var dot = 0;
            for (i = 0; i < dk; i++) dot += q[t][h * dk + i] * k[s][kv * dk + i];
            scores[s] = dot / Math.sqrt(dk);
          }
          var a = softmax(scores);
          for (s = 0; s <= t; s++) for (i = 0; i < dk; i++) mixed[t][h * dk + i] += a[s] * v[s][kv * dk + i];
        }
      }
      x = x.map(function (xt, t2) {
        var o = linear(mixed[t2], w[p + "o_proj.weight"]), y = new Float64Array(d);
        for (i = 0; i < d; i++) y[i] = xt[i] + o[i];
        var h2 = rmsNorm(y, w[p + "post_attention_layernorm.weight"], c.eps);
        var gate = linear(h2, w[p + "gate_proj.weight"]), up = linear(h2, w[p + "up_proj.weight"]);
        for (i = 0; i < gate.length; i++) gate[i] = (gate[i] / (1 + Math.exp(-gate[i]))) * up[i];  // silu
        var f = linear(gate, w[p + "down_proj.weight"]);
        for (i = 0; i < d; i++) y[i] += f[i];
        return y;
      });
    }
    return x.map(function (xt) { return Array.from(linear(rmsNorm(xt, w["norm.weight"], c.eps), w["lm_head.weight"])); });
  }

  /* The chat template's ids (snippets/instruction-tuning/sft.py, encode_chat): '.<|user|>' request
   * '<|end|><|assistant|>', then the answer so far. */
  function chatIds(request, answer) {
    var V = CHAT.vocab, at = function (c) { return V.indexOf(c); };
    return [0, at("<|user|>")].concat(request.split("").map(at), [at("<|end|>"), at("<|assistant|>")], answer.split("").map(at));
  }

  var CHAT_MODELS = { llama: true, sft: true, dpo: true };
  /* The next-token logits of any model of the explorer: the request is read by the chat models only. */
  function modelLogits(model, prefix, request) {
    if (model === "gpt") return gptLogits(prefix);
    if (model === "bigram") return bigramLogits(prefix);
    var all = llamaForward(model, model === "llama" ? ids(prefix) : chatIds(request || "", prefix));
    return all[all.length - 1];
  }
  function vocabOf(model) { return model === "sft" || model === "dpo" ? CHAT.vocab : CHARS.split(""); }

  /* Temperature tau, then top-k (k null: off), then top-p (p null: off); probabilities of the kept set. */
  function filtered(z, tau, k, p) {
    var zz = z.map(function (v) { return v / tau; }), i;
    if (k != null) {
      var kth = zz.slice().sort(function (a, b) { return b - a; })[k - 1];
      zz = zz.map(function (v) { return v < kth ? -Infinity : v; });
    }
    var probs = Array.from(softmax(zz));
    if (p != null) {
      var order = probs.map(function (_, j) { return j; }).sort(function (a, b) { return probs[b] - probs[a] || a - b; });
      var before = 0, keep = new Array(probs.length).fill(false);
      order.forEach(function (j) { keep[j] = before < p; before += probs[j]; });
      var total = 0;
      for (i = 0; i < probs.length; i++) if (keep[i]) total += probs[i];
      probs = probs.map(function (v, j) { return keep[j] ? v / total : 0; });
    }
    return probs;
  }

  function entropyBits(probs) {
    return probs.reduce(function (h, v) { return v > 0 ? h - v * Math.log2(v) : h; }, 0);
  }

  function mulberry32(seed) {  // a small seeded generator: the same seed, the same names
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function sampleNames(model, tau, k, p, seed, n, request) {
    var rand = mulberry32(seed), names = [], vocab = vocabOf(model);
    var stop = model === "sft" || model === "dpo" ? vocab.indexOf("<|end|>") : 0;  // '<|end|>' or '.'
    for (var r = 0; r < n; r++) {
      var name = "";
      while (name.length < CFG.context - 1) {
        var probs = filtered(modelLogits(model, name, request), tau, k, p);
        var u = rand(), acc = 0, pick = probs.length - 1;
        for (var j = 0; j < probs.length; j++) { acc += probs[j]; if (u < acc) { pick = j; break; } }
        while (probs[pick] === 0) pick--;  // rounding at the very end of the cumulative sum
        if (pick === stop) break;
        name += vocab[pick];
      }
      names.push(name);
    }
    return names;
  }

  function softmaxAfterA(tau) {  // the softmax page's distribution (snippets/softmax/explorer_data.py)
    return Array.from(softmax(DATA.logits_after_a.map(function (v) { return v / tau; })));
  }

  // Exposed for the browser test (and for the curious reader's console) once the data has loaded (start).
  var API = {
    forward: forward, gptLogits: gptLogits, bigramLogits: bigramLogits, filtered: filtered,
    entropyBits: entropyBits, sampleNames: sampleNames, softmaxAfterA: softmaxAfterA,
    loadChatModels: loadChatModels, llamaForward: llamaForward, chatIds: chatIds, modelLogits: modelLogits,
  };

  // ---- the page ------------------------------------------------------------------------------------------
  var uid = 0;
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }
  /* One live region per explorer, visually hidden: what changed is announced once, when the reader stops
   * (a slider dragged over ten steps, a word typed, a sweep of the pointer over a heatmap), not at every
   * intermediate value. The visible readouts are not live regions. */
  function announcer(root) {
    var live = el("p", { class: "explorer__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    root.appendChild(live);
    var timer = null;
    return function (text) {
      if (!root.getAttribute("data-ready")) return;  // the first drawing, as the page loads: nothing changed
      clearTimeout(timer);
      timer = setTimeout(function () { live.textContent = text; }, 500);
    };
  }
  function label(token) {
    return { ".": "end (.)", "<|end|>": "end (<|end|>)", " ": "space" }[token] || token;
  }
  function clean(value) { return value.toLowerCase().replace(/[^a-z]/g, "").slice(0, CFG.context - 1); }
  function range(name, min, max, step, value) {
    var id = "explorer-" + (++uid);
    var input = el("input", { type: "range", id: id, min: min, max: max, step: step, value: value });
    var out = el("output", { for: id, "aria-live": "off" });  // the slider itself tells its value; the status says the rest
    return { input: input, output: out, row: el("div", { class: "explorer__control" }, [el("label", { for: id, text: name }), input, out]) };
  }
  function textInput(name, value) {
    var id = "explorer-" + (++uid);
    var input = el("input", { type: "text", id: id, value: value, maxlength: CFG.context - 1, autocomplete: "off",
                              spellcheck: "false", pattern: "[a-z]*", inputmode: "latin" });
    return { input: input, row: el("div", { class: "explorer__control" }, [el("label", { for: id, text: name }), input]) };
  }

  /* Bars: one row per token, most likely first; the probability as text beside each bar. */
  function bars(table, probs, kept, vocab) {
    vocab = vocab || CHARS.split("");
    var order = probs.map(function (_, j) { return j; }).sort(function (a, b) { return probs[b] - probs[a] || a - b; });
    var body = table.tBodies[0];
    body.textContent = "";
    order.forEach(function (j) {
      var cut = kept && !kept[j];
      var bar = el("span", { class: "explorer__bar" + (cut ? " explorer__bar--cut" : "") });
      bar.style.width = (100 * probs[j]).toFixed(2) + "%";
      body.appendChild(el("tr", { "data-letter": vocab[j], "data-prob": String(probs[j]), class: cut ? "explorer__row--cut" : "" }, [
        el("th", { scope: "row", text: label(vocab[j]) }),
        el("td", { class: "explorer__num", text: cut ? "cut" : probs[j].toFixed(4) }),
        el("td", { class: "explorer__barcell" }, [bar]),
      ]));
    });
  }
  function barTable(caption) {
    return el("table", { class: "explorer__bars" }, [
      el("caption", { text: caption }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Next" }), el("th", { scope: "col", text: "Probability" }),
                                      el("th", { scope: "col", text: "Bar" })])]),
      el("tbody"),
    ]);
  }

  var MODELS = [
    ["gpt", "the names GPT"], ["bigram", "bigram counts"], ["llama", "the names Llama"],
    ["sft", "the names Llama after SFT"], ["dpo", "after SFT and DPO"],
  ];
  var MODEL_NAMES = { gpt: "names GPT", bigram: "bigram counts", llama: "names Llama", sft: "after SFT", dpo: "after SFT and DPO" };

  function nextLetter(root) {
    var model = "gpt";
    var group = "explorer-model-" + (++uid);  // one name for the group: one checked, arrow keys move in it
    var radios = MODELS.map(function (m) {
      var id = "explorer-" + (++uid);
      var r = el("input", { type: "radio", name: group, id: id, value: m[0] });
      if (m[0] === model) r.checked = true;
      return el("span", { class: "explorer__radio" }, [r, el("label", { for: id, text: m[1] })]);
    });
    var fieldset = el("fieldset", { class: "explorer__control" }, [el("legend", { text: "Model" })].concat(radios));
    var request = textInput("Request (the chat models)", "starts with m");
    request.input.setAttribute("maxlength", "20");
    request.input.setAttribute("pattern", "[a-z ]*");
    request.row.hidden = true;
    var prefix = textInput("Name so far (a–z)", "em");
    var tau = range("Temperature τ", 0.1, 3, 0.05, 1);
    var k = range("Top-k", 1, 27, 1, 27);
    var p = range("Top-p", 0.05, 1, 0.05, 1);
    var summary = el("p", { class: "explorer__summary" });
    var table = barTable("");
    var seedId = "explorer-" + (++uid);
    var seed = el("input", { type: "number", id: seedId, min: 0, max: 999999, step: 1, value: 0 });
    var sample = el("button", { type: "button", class: "explorer__button", text: "Sample 20 names" });
    var next = el("button", { type: "button", class: "explorer__button", text: "Next seed" });
    var names = el("output", { class: "explorer__names", "aria-live": "off" });
    root.appendChild(el("div", { class: "explorer__controls" }, [fieldset, request.row, prefix.row, tau.row, k.row, p.row]));
    root.appendChild(summary);
    root.appendChild(table);
    root.appendChild(el("div", { class: "explorer__control explorer__sample" }, [el("label", { for: seedId, text: "Seed" }), seed, sample, next]));
    root.appendChild(names);
    var announce = announcer(root);

    function chat() { return model === "sft" || model === "dpo"; }
    function ready() { return !CHAT_MODELS[model] || CHAT; }
    function settings() {
      var kv = Number(k.input.value), pv = Number(p.input.value), V = Number(k.input.max);
      return { tau: Number(tau.input.value), k: kv >= V ? null : kv, p: pv >= 1 ? null : pv };
    }
    function update() {
      var text = clean(prefix.input.value), req = request.input.value.toLowerCase().replace(/[^a-z ]/g, "").slice(0, 20);
      if (text !== prefix.input.value) prefix.input.value = text;
      if (req !== request.input.value) request.input.value = req;
      request.row.hidden = !chat();
      if (!ready()) {
        summary.textContent = "Loading the names Llama and its chat models…";
        loadChatModels().then(update, function (e) { summary.textContent = String(e.message || e); });
        return;
      }
      var vocab = vocabOf(model), V = vocab.length;
      if (Number(k.input.max) !== V) {  // 27 or 31 tokens: the slider's end stays "off"
        var wasOff = Number(k.input.value) >= Number(k.input.max);
        k.input.max = String(V);
        if (wasOff || Number(k.input.value) > V) k.input.value = String(V);
      }
      var s = settings();
      tau.output.textContent = s.tau.toFixed(2);
      k.output.textContent = s.k == null ? "off (all " + V + ")" : String(s.k);
      p.output.textContent = s.p == null ? "off" : s.p.toFixed(2);
      var probs = filtered(modelLogits(model, text, req), s.tau, s.k, s.p), kept = probs.map(function (v) { return v > 0; });
      var n = kept.filter(Boolean).length, h = entropyBits(probs);
      var after = chat() ? "After the request \"" + req + "\" and \"" + text + "\"" : "After \"." + text + "\"";
      summary.textContent = after + ": " + n + " of " + V + " kept, entropy " + h.toFixed(3) + " bits";
      announce(summary.textContent);
      summary.setAttribute("data-kept", String(n));
      summary.setAttribute("data-entropy", String(h));
      table.caption.textContent = (chat() ? "Next-token" : "Next-letter") + " probabilities " + after.replace("After", "after") + " (" + MODEL_NAMES[model] + ")";
      bars(table, probs, kept, vocab);
    }
    function draw() {
      if (!ready()) return;
      var s = settings();
      var list = sampleNames(model, s.tau, s.k, s.p, Number(seed.value) >>> 0, 20, request.input.value);
      names.textContent = list.join(", ");
      announce("Sampled with seed " + seed.value + ": " + names.textContent);
    }
    [prefix.input, request.input, tau.input, k.input, p.input].forEach(function (i) { i.addEventListener("input", update); });
    radios.forEach(function (r) {
      r.querySelector("input").addEventListener("change", function (e) { model = e.target.value; update(); });
    });
    sample.addEventListener("click", draw);
    next.addEventListener("click", function () { seed.value = String((Number(seed.value) >>> 0) + 1); draw(); });
    update();
  }

  function attention(root) {
    var name = textInput("Name (a–z)", "isabella");
    var detail = el("p", { class: "explorer__summary", text: "Tap, hover over or focus a cell (arrow keys move between cells): its query letter, key letter and weight show under its map." });
    var maps = el("div", { class: "explorer__maps" });
    root.appendChild(el("div", { class: "explorer__controls" }, [name.row]));
    root.appendChild(detail);
    root.appendChild(maps);
    var announce = announcer(root);

    function show(cell) {
      // The readout moves under the map of the cell: on a phone the maps stack, and a readout above the first
      // one would be screens away from the cell just tapped.
      var map = cell.closest("table");
      if (detail.previousElementSibling !== map) map.insertAdjacentElement("afterend", detail);
      detail.textContent = cell.getAttribute("aria-label");
      announce(detail.textContent);
      detail.setAttribute("data-weight", cell.getAttribute("data-w"));
    }
    function update() {
      var text = clean(name.input.value);
      if (text !== name.input.value) name.input.value = text;
      var seq = "." + text, attn = forward(ids(text)).attn;
      if (detail.parentNode === maps) maps.insertAdjacentElement("beforebegin", detail);   // back above the maps
      maps.textContent = "";
      attn.forEach(function (heads, l) {
        heads.forEach(function (rows, h) {
          var table = el("table", { class: "explorer__map", "data-layer": l, "data-head": h }, [
            el("caption", { text: "Layer " + (l + 1) + ", head " + (h + 1) }),
          ]);
          var head = el("tr", {}, [el("td")]);
          seq.split("").forEach(function (c) { head.appendChild(el("th", { scope: "col", text: c })); });
          table.appendChild(el("thead", {}, [head]));
          var body = el("tbody");
          rows.forEach(function (row, q) {
            var tr = el("tr", {}, [el("th", { scope: "row", text: seq[q] })]);
            row.forEach(function (wgt, key) {
              var td;
              if (key > q) {
                td = el("td", { class: "explorer__masked" });
              } else {
                td = el("td", {
                  tabindex: q === 0 && key === 0 ? "0" : "-1", "data-q": q, "data-k": key, "data-w": String(wgt),
                  "aria-label": "Layer " + (l + 1) + ", head " + (h + 1) + ": query '" + seq[q] + "' (position " + q + ") looks at key '" + seq[key] + "' (position " + key + ") with weight " + wgt.toFixed(4),
                });
                td.style.backgroundColor = "color-mix(in srgb, var(--explorer-heat) " + (100 * wgt).toFixed(1) + "%, transparent)";
              }
              tr.appendChild(td);
            });
            body.appendChild(tr);
          });
          table.appendChild(body);
          maps.appendChild(table);
        });
      });
    }
    maps.addEventListener("mouseover", function (e) { var c = e.target.closest("td[data-w]"); if (c) show(c); });
    maps.addEventListener("focusin", function (e) { var c = e.target.closest("td[data-w]"); if (c) show(c); });
    maps.addEventListener("click", function (e) { var c = e.target.closest("td[data-w]"); if (c) show(c); });   // a tap
    maps.addEventListener("keydown", function (e) {  // arrow keys move within one map (a roving tabindex)
      var c = e.target.closest("td[data-w]");
      if (!c) return;
      var q = Number(c.dataset.q), key = Number(c.dataset.k);
      var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
      if (!moves) return;
      var target = c.closest("table").querySelector('td[data-q="' + (q + moves[0]) + '"][data-k="' + (key + moves[1]) + '"]');
      if (!target) return;
      e.preventDefault();
      c.setAttribute("tabindex", "-1");
      target.setAttribute("tabindex", "0");
      target.focus();
    });
    name.input.addEventListener("input", update);
    update();
  }

  function softmaxSlider(root) {
    var tau = range("Temperature τ", 0.1, 5, 0.05, 1);
    var summary = el("p", { class: "explorer__summary" });
    var table = barTable("");
    var announce = announcer(root);
    root.appendChild(el("div", { class: "explorer__controls" }, [tau.row]));
    root.appendChild(summary);
    root.appendChild(table);
    function update() {
      var t = Number(tau.input.value), probs = softmaxAfterA(t);
      tau.output.textContent = t.toFixed(2);
      var h = entropyBits(probs);
      summary.textContent = "softmax(z / τ) at τ = " + t.toFixed(2) + ": largest probability " + Math.max.apply(null, probs).toFixed(4) + ", entropy " + h.toFixed(3) + " bits";
      summary.setAttribute("data-entropy", String(h));
      announce(summary.textContent);
      table.caption.textContent = "The letter after \"a\" in names.txt: softmax of the log counts, divided by τ";
      bars(table, probs, null);
    }
    tau.input.addEventListener("input", update);
    update();
  }

  var KINDS = { "next-letter": nextLetter, attention: attention, "softmax-temperature": softmaxSlider };
  function init() {
    document.querySelectorAll(".explorer[data-explorer]").forEach(function (root) {
      var make = KINDS[root.getAttribute("data-explorer")];
      if (!make || root.getAttribute("data-ready")) return;
      make(root);
      root.hidden = false;
      root.setAttribute("data-ready", "true");
    });
  }
  function start() {
    DATA = window.glossaryExplorerData;
    CHARS = DATA.chars;
    CFG = DATA.config || { context: 16 };  // the names GPT's data has its config; the softmax data does not
    window.glossaryExplorer = API;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  }
  Promise.all(Array.prototype.map.call(LINKS, function (a) { return loadScript(a.href); })).then(start, function (e) {
    console.error("glossary explorers: " + e.message);
  });
})();
