// avatar studio: plain JavaScript over avatar's HTTP API (the same API any client uses).
"use strict";

const state = { key: sessionStorage.getItem("avatar.key"), admin: false, runStream: null, logStream: null, recorded: null };
const $ = (id) => document.getElementById(id);

// --- API ------------------------------------------------------------------------------------------------
function headers(extra = {}) {
  // X-Requested-With: the same-origin signal a state-changing request needs (see README, "Security model").
  const base = { ...extra, "X-Requested-With": "avatar-studio" };
  return state.key ? { ...base, Authorization: `Bearer ${state.key}` } : base;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: headers(options.headers || {}) });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body && body.error && body.error.message) message = body.error.message;
    } catch (_) { /* not JSON */ }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return response;
}

const json = async (path, options) => (await api(path, options)).json();

// Server-sent events over fetch (EventSource cannot send the Authorization header).
async function streamEvents(path, onEvent, controller) {
  const response = await api(path, { signal: controller.signal, headers: { Accept: "text/event-stream" } });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
      let type = "message";
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith("event:")) type = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trim());
      }
      if (data.length) onEvent(type, JSON.parse(data.join("\n")));
    }
  }
}

function notice(message, isError = true) {
  const box = $("notice");
  box.textContent = message;
  box.className = isError ? "error" : "ok";
  box.hidden = !message;
}

function button(label, onClick, extra = {}) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  Object.assign(b, extra);
  b.addEventListener("click", onClick);
  return b;
}

async function busy(btn, work) {
  const label = btn.textContent;
  btn.disabled = true;
  btn.setAttribute("aria-busy", "true");
  btn.innerHTML = '<span class="spinner" aria-hidden="true"></span>' + label;
  try {
    return await work();
  } finally {
    btn.disabled = false;
    btn.removeAttribute("aria-busy");
    btn.textContent = label;
  }
}

// --- sign in and tabs ------------------------------------------------------------------------------------
async function signIn(key) {
  state.key = key || null;
  let me;
  try {
    me = await json("/v1/me");
  } catch (error) {
    state.key = null;
    sessionStorage.removeItem("avatar.key");
    notice(`Sign-in failed: ${error.message}`);
    return;
  }
  if (key) sessionStorage.setItem("avatar.key", key);
  state.admin = me.admin;
  state.limits = me.limits;
  notice("");
  $("signin").hidden = true;
  $("models-tab").hidden = !state.admin;
  try {
    await Promise.all([loadPipelines(), loadVoices(), loadSpeakChoices()]);
  } catch (error) { notice(error.message); }
  // The tabs appear once their data is there, on "produce": a tab chosen meanwhile is never taken back.
  show("produce");
  $("tabs").hidden = false;
}

function show(tab) {
  for (const section of document.querySelectorAll("section.tab")) section.hidden = section.id !== tab;
  for (const b of document.querySelectorAll("#tabs [data-tab]")) b.setAttribute("aria-current", b.dataset.tab === tab ? "page" : "false");
  if (tab === "runs") loadRuns();
  if (tab === "models") openModels();
  if (tab === "voices") loadVoices();
}

// --- voices ---------------------------------------------------------------------------------------------
async function loadVoices() {
  const voices = (await json("/v1/voices")).data;
  const list = $("voice-list");
  list.replaceChildren();
  for (const v of voices) {
    const li = document.createElement("li");
    li.textContent = `${v.name} (${v.language || "?"}, ${v.duration_s.toFixed(1)} s) `;
    li.append(
      button("Play", async () => {
        const blob = await (await api(`/v1/voices/${v.name}/audio`)).blob();
        const player = $("voice-player");
        player.hidden = false;
        player.src = URL.createObjectURL(blob);
        player.play();
      }, { ariaLabel: `Play ${v.name}` }),
      button("Delete", async () => {
        try {
          await api(`/v1/voices/${v.name}`, { method: "DELETE" });
          await loadVoices();
        } catch (error) { notice(error.message); }
      }, { ariaLabel: `Delete ${v.name}` }),
    );
    list.append(li);
  }
  if (!voices.length) list.innerHTML = "<li>No voices yet.</li>";
  for (const select of [$("run-voice"), $("speak-voice")]) {
    for (const old of select.querySelectorAll("option.own")) old.remove();
    for (const v of voices) {
      const option = new Option(`${v.name} (yours)`, v.name);
      option.className = "own";
      select.append(option);
    }
  }
}

async function addVoice(event) {
  event.preventDefault();
  const form = new FormData();
  form.append("name", $("voice-name").value.trim());
  const file = $("voice-audio").files[0];
  if (file) form.append("audio", file);
  else if (state.recorded) form.append("audio", state.recorded, "recording.webm");
  else return notice("Choose a recording or record one first.");
  form.append("transcript", $("voice-transcript").value);
  form.append("language", $("voice-language").value);
  await busy($("voice-submit"), async () => {
    try {
      await api("/v1/voices", { method: "POST", body: form });
      notice(`Voice ${$("voice-name").value} added.`, false);
      $("voice-form").reset();
      state.recorded = null;
      await loadVoices();
    } catch (error) { notice(error.message); }
  });
}

async function toggleRecording() {
  if (state.recorder) { state.recorder.stop(); return; }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const chunks = [];
    const recorder = new MediaRecorder(stream);
    recorder.ondataavailable = (e) => chunks.push(e.data);
    recorder.onstop = () => {
      stream.getTracks().forEach((t) => t.stop());
      state.recorded = new Blob(chunks, { type: recorder.mimeType });
      state.recorder = null;
      $("record").textContent = "Record from the microphone";
      $("record-state").textContent = `recorded ${(state.recorded.size / 1024).toFixed(0)} KB`;
      $("voice-player").hidden = false;
      $("voice-player").src = URL.createObjectURL(state.recorded);
    };
    recorder.start();
    state.recorder = recorder;
    $("record").textContent = "Stop recording";
    $("record-state").textContent = "recording…";
  } catch (error) { notice(`Microphone: ${error.message}`); }
}

// --- speak ----------------------------------------------------------------------------------------------
async function loadSpeakChoices() {
  const models = (await json("/v1/models")).data;
  const select = $("speak-model");
  select.replaceChildren(...models.map((m) => new Option(m.id, m.id)));
  const voices = $("speak-voice");
  for (const old of voices.querySelectorAll("option:not(.own)")) old.remove();
  const stock = ["alloy", ...new Set(models.flatMap((m) => m.voices || []))];
  voices.prepend(...stock.map((v) => new Option(v, v)));
  voices.value = "alloy";
}

async function speak(event) {
  event.preventDefault();
  const body = JSON.stringify({ model: $("speak-model").value, voice: $("speak-voice").value, input: $("speak-text").value,
    response_format: "mp3", stream_format: "audio" });
  await busy($("speak-submit"), async () => {
    try {
      const response = await api("/v1/audio/speech", { method: "POST", body, headers: { "Content-Type": "application/json" } });
      const audio = $("speak-audio");
      if (window.MediaSource && MediaSource.isTypeSupported("audio/mpeg")) {
        // Play while the stream arrives: each sentence's audio is appended as it comes.
        const source = new MediaSource();
        audio.src = URL.createObjectURL(source);
        await new Promise((resolve) => source.addEventListener("sourceopen", resolve, { once: true }));
        const buffer = source.addSourceBuffer("audio/mpeg");
        const reader = response.body.getReader();
        let started = false;
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (buffer.updating) await new Promise((r) => buffer.addEventListener("updateend", r, { once: true }));
          buffer.appendBuffer(value);
          await new Promise((r) => buffer.addEventListener("updateend", r, { once: true }));
          if (!started) { started = true; audio.play().catch(() => {}); }
        }
        if (source.readyState === "open") source.endOfStream();
      } else {
        audio.src = URL.createObjectURL(await response.blob());
        await audio.play();
      }
    } catch (error) { notice(error.message); }
  });
}

// --- produce and runs -----------------------------------------------------------------------------------
async function loadPipelines() {
  const pipelines = (await json("/v1/pipelines")).data;
  state.pipelines = Object.fromEntries(pipelines.map((p) => [p.id, p]));
  $("run-pipeline").replaceChildren(...pipelines.map((p) => new Option(p.id, p.id)));
  $("run-pipeline").value = "pipeline";
  buildOptions();
}

// The options form comes from the server's declaration of what a caller may set (GET /v1/pipelines):
// numbers with their bounds, switches, choices and short texts. Resource options (voice, portrait) are the
// fields above. Only values that differ from the default are sent, as `set` items.
function buildOptions() {
  const pipeline = (state.pipelines || {})[$("run-pipeline").value];
  const box = $("run-options");
  box.replaceChildren();
  for (const stage of (pipeline ? pipeline.stages : [])) {
    const fields = stage.options.filter((o) => !["voice", "portrait"].includes(o.kind));
    if (!fields.length) continue;
    const set = document.createElement("fieldset");
    set.className = "stage-options";
    const legend = document.createElement("legend");
    legend.textContent = `${stage.stage} (${stage.uses})`;
    set.append(legend);
    for (const option of fields) {
      const id = `opt-${stage.stage}-${option.name}`;
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = option.name;
      let input;
      if (option.kind === "boolean") {
        input = document.createElement("select");
        input.append(new Option("default", ""), new Option("yes", "true"), new Option("no", "false"));
      } else if (option.kind === "choice") {
        input = document.createElement("select");
        input.append(new Option("default", ""), ...option.choices.map((c) => new Option(String(c), String(c))));
      } else {
        input = document.createElement("input");
        if (option.kind === "integer" || option.kind === "number") {
          input.type = "number";
          if (option.minimum !== undefined) input.min = option.minimum;
          if (option.maximum !== undefined) input.max = option.maximum;
          input.step = option.kind === "integer" ? "1" : "any";
        } else {
          input.type = "text";
          if (option.max_length) input.maxLength = option.max_length;
        }
        input.placeholder = option.default === null ? "default" : String(option.default);
      }
      input.id = id;
      input.dataset.key = `stages.${stage.stage}.${option.name}`;
      set.append(label, input);
    }
    box.append(set);
  }
}

function optionSets() {
  return [...document.querySelectorAll("#run-options [data-key]")]
    .filter((input) => input.value !== "")
    .map((input) => `${input.dataset.key}=${input.value}`);
}

async function produce(event) {
  event.preventDefault();
  const form = new FormData();
  form.append("pipeline", $("run-pipeline").value);
  let text = $("run-text").value;
  const script = $("run-script").files[0];
  if (!text.trim() && script) text = await script.text();
  form.append("text", text);
  if ($("run-voice").value) form.append("voice", $("run-voice").value);
  const portrait = $("run-portrait").files[0];
  if (portrait) form.append("portrait", portrait);
  for (const item of optionSets()) form.append("set", item);
  await busy($("run-submit"), async () => {
    try {
      const run = await json("/v1/runs", { method: "POST", body: form });
      notice("");
      openRun(run.id);
    } catch (error) { notice(error.message); }
  });
}

function stageItem(id) {
  let li = document.querySelector(`#run-stages li[data-stage="${id}"]`);
  if (!li) {
    li = document.createElement("li");
    li.dataset.stage = id;
    li.className = "stage pending";
    li.innerHTML = `<span class="name"></span> <span class="status">pending</span> <span class="figures"></span>`;
    li.querySelector(".name").textContent = id;
    $("run-stages").append(li);
  }
  return li;
}

function setStage(id, status, figures = "") {
  const li = stageItem(id);
  li.className = `stage ${status}`;
  li.querySelector(".status").textContent = status;
  if (figures) li.querySelector(".figures").textContent = figures;
}

async function showResult(id) {
  const run = await json(`/v1/runs/${id}`);
  $("run-state").textContent = run.state;
  for (const s of run.stages) {
    const figures = s.run_s !== undefined ? `${(s.load_s || 0).toFixed(2)} + ${s.run_s.toFixed(2)} s, +${Math.round(s.peak_delta_mb || 0)} MB` : "";
    setStage(s.id, s.status === "skipped" ? "done" : s.status, figures);
  }
  if (run.state !== "done") return;
  const files = Object.fromEntries(run.files.map((f) => [f.name, f]));
  const video = $("run-video");
  if (files["avatar.mp4"]) {
    video.src = files["avatar.mp4"].url;
    if (files["poster.png"]) video.poster = files["poster.png"].url;
  }
  const links = $("run-downloads");
  links.replaceChildren();
  for (const name of ["avatar.mp4", "audio.wav", "subtitles.srt", "poster.png"]) {
    if (!files[name]) continue;
    const a = document.createElement("a");
    a.href = files[name].url;
    a.download = name;
    a.textContent = `Download ${name}`;
    links.append(a, " ");
  }
  $("run-result").hidden = false;
}

async function openRun(id) {
  show("produce");
  if (state.runStream) state.runStream.abort();
  state.runStream = new AbortController();
  $("run-view").hidden = false;
  $("run-result").hidden = true;
  $("run-id").textContent = id;
  $("run-state").textContent = "queued";
  $("run-stages").replaceChildren();
  try {
    await streamEvents(`/v1/runs/${id}/events`, (type, e) => {
      if (type === "queued") { (e.stages || []).forEach((s) => stageItem(s)); $("run-state").textContent = "queued"; }
      else if (type === "stage_started") { setStage(e.stage, "running"); $("run-state").textContent = "running"; }
      else if (type === "progress") setStage(e.stage, "running", `${Math.round((100 * e.done) / Math.max(1, e.total))} %`);
      else if (type === "stage_finished") {
        const figures = e.run_s !== undefined ? `${(e.load_s || 0).toFixed(2)} + ${e.run_s.toFixed(2)} s, +${Math.round(e.peak_delta_mb || 0)} MB` : e.error || "";
        setStage(e.stage, e.status, figures);
      } else if (["done", "failed", "cancelled"].includes(type)) {
        $("run-state").textContent = type;
        if (e.error) notice(e.error);
      }
    }, state.runStream);
    await showResult(id);
  } catch (error) {
    if (error.name !== "AbortError") notice(error.message);
  }
}

async function loadRuns() {
  const runs = (await json("/v1/runs")).data;
  const body = $("run-list");
  body.replaceChildren();
  for (const run of runs) {
    const tr = document.createElement("tr");
    tr.innerHTML = "<td></td><td></td><td></td><td></td>";
    tr.cells[0].textContent = run.id;
    tr.cells[1].textContent = run.pipeline;
    tr.cells[2].textContent = run.state;
    const active = ["queued", "running"].includes(run.state);
    tr.cells[3].append(
      button("Open", () => openRun(run.id), { ariaLabel: `Open run ${run.id}` }),
      button(active ? "Cancel" : "Delete", async () => {
        try { await api(`/v1/runs/${run.id}`, { method: "DELETE" }); await loadRuns(); } catch (error) { notice(error.message); }
      }, { ariaLabel: `${active ? "Cancel" : "Delete"} run ${run.id}` }),
    );
    body.append(tr);
  }
  if (!runs.length) body.innerHTML = '<tr><td colspan="4">No runs yet.</td></tr>';
}

// --- models (admin) -------------------------------------------------------------------------------------
async function loadModels() {
  const list = await json("/v1/models");
  const body = $("model-list");
  body.replaceChildren();
  for (const m of list.data) {
    const tr = document.createElement("tr");
    tr.innerHTML = "<td></td><td></td><td></td><td></td>";
    tr.cells[0].textContent = m.id;
    tr.cells[1].textContent = m.state + (m.error ? `: ${m.error}` : "");
    tr.cells[2].textContent = `${Math.round(m.memory_mb)} MB`;
    const action = m.state === "loaded" ? "unload" : "load";
    const b = button(action === "load" ? "Load" : "Unload", async () => {
      await busy(b, async () => {
        try {
          await json(`/v1/models/${m.id}/${action}`, { method: "POST" });
        } catch (error) {
          tr.cells[1].textContent = `error: ${error.message}`;
          tr.cells[3].append(button("Retry", () => b.click(), { ariaLabel: `Retry ${action} of ${m.id}` }));
          return;
        }
        await loadModels();
      });
    }, { ariaLabel: `${action} ${m.id}` });
    tr.cells[3].append(b);
    body.append(tr);
  }
  const mem = list.memory || {};
  if (mem.total_mb) {
    const used = mem.total_mb - mem.free_mb;
    const pct = Math.round((100 * used) / mem.total_mb);
    $("memory-bar").style.width = `${pct}%`;
    $("memory-bar").setAttribute("aria-valuenow", String(pct));
    $("memory-text").textContent = `${mem.device}: ${Math.round(used)} of ${Math.round(mem.total_mb)} MB in use, ${Math.round(mem.used_by_us_mb || 0)} MB by avatar`;
  }
}

function openModels() {
  loadModels().catch((error) => notice(error.message));
  if (state.logStream) return;
  state.logStream = new AbortController();
  const log = $("log");
  const line = (r) => `${new Date(r.time * 1000).toLocaleTimeString()} ${r.level} ${r.logger}: ${r.message}\n`;
  json("/v1/logs?limit=50").then((recent) => { log.textContent = recent.data.map(line).join(""); }).catch(() => {});
  streamEvents("/v1/logs/stream", (type, record) => {
    if (type !== "log") return;
    log.textContent += line(record);
    log.scrollTop = log.scrollHeight;
  }, state.logStream).catch((error) => { if (error.name !== "AbortError") notice(`Log: ${error.message}`); state.logStream = null; });
}

// --- wiring ---------------------------------------------------------------------------------------------
$("signin-form").addEventListener("submit", (e) => { e.preventDefault(); signIn($("api-key").value.trim()); });
$("sign-out").addEventListener("click", () => { sessionStorage.removeItem("avatar.key"); location.reload(); });
for (const b of document.querySelectorAll("#tabs [data-tab]")) b.addEventListener("click", () => show(b.dataset.tab));
$("voice-form").addEventListener("submit", addVoice);
$("record").addEventListener("click", toggleRecording);
$("speak-form").addEventListener("submit", speak);
$("produce-form").addEventListener("submit", produce);
$("run-pipeline").addEventListener("change", buildOptions);
$("runs-refresh").addEventListener("click", loadRuns);
$("run-portrait").addEventListener("change", () => {
  const file = $("run-portrait").files[0];
  const img = $("portrait-preview");
  img.hidden = !file;
  if (file) img.src = URL.createObjectURL(file);
});
if (state.key !== null) signIn(state.key);
