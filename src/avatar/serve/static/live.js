// avatar studio, Live tab: a WebRTC session with the avatar (POST /v1/live/sessions), text through the
// "control" data channel, events back on it. With the microphone ("Talk"), the offer's audio is sendrecv:
// the server listens, sends transcripts, answers (when its chat is on) and yields when talked over; the
// page shows the conversation. Uses app.js's api(), json(), $(), state and notice().
"use strict";

const live = { pc: null, channel: null, session: null, stream: null, mic: null, userLine: null, lastFinal: null,
  sayLine: null, lastSaid: null };
window.avatarLive = live; // for tests and the curious: the peer connection and the session

async function loadLiveChoices() {
  try {
    const [portraits, voices] = await Promise.all([json("/v1/portraits"), json("/v1/voices")]);
    fillSelect($("live-portrait"), "the server's default portrait", portraits.data.map((p) => p.name));
    fillSelect($("live-voice"), "the model's default voice", voices.data.map((v) => v.name));
  } catch (error) {
    notice(error.message);
  }
}

function fillSelect(select, first, names) {
  const keep = select.value;
  select.replaceChildren(new Option(first, ""), ...names.map((n) => new Option(n, n)));
  if (names.includes(keep)) select.value = keep;
}

function liveState(text) {
  $("live-state").textContent = text;
}

// --- the microphone ---------------------------------------------------------------------------------------
// "Talk" starts a session with the microphone (or reconnects one without it: the offer must carry it), then
// mutes and unmutes it. The browser's echo cancellation keeps the avatar's own voice out of it.
function micButton() {
  const b = $("live-mic");
  const track = live.mic && live.mic.getAudioTracks()[0];
  const on = Boolean(live.pc && track);
  b.textContent = !on ? "Talk (microphone)" : track.enabled ? "Mute microphone" : "Unmute microphone";
  b.setAttribute("aria-pressed", String(on && track.enabled));
  $("live-mic-state").hidden = !on;
  $("live-mic-state").textContent = on && track.enabled ? "microphone on" : "microphone muted";
}

async function talk() {
  const track = live.mic && live.mic.getAudioTracks()[0];
  if (live.pc && track) {
    track.enabled = !track.enabled; // a muted track sends silence: the server hears the turn end
  } else {
    if (live.pc) await stopLive(true);
    await startLive(null, true);
  }
  micButton();
}

// --- the conversation: what the caller said (partials replaced by the final) and what the avatar said -----
// live.userLine: the caller's turn being recognised; live.lastFinal: the last finished one. live.sayLine: the
// avatar's line its sentences go to now; live.lastSaid: the last line it spoke into (kept for an interruption).
function transcriptLine(who, after = null) {
  const item = document.createElement("li");
  item.className = who;
  const name = document.createElement("span");
  name.className = "who";
  name.textContent = who === "user" ? "You" : "Avatar";
  const text = document.createElement("span");
  text.className = "text";
  item.append(name, " ", text);
  if (after && after.isConnected) after.after(item);
  else $("live-transcript").append(item);
  return item;
}

function setText(item, text) {
  item.querySelector(".text").textContent = text;
  const box = $("live-transcript");
  while (box.children.length > 200) box.firstChild.remove();
  box.scrollTop = box.scrollHeight;
}

function markCut(item, heard) {
  item.classList.add("interrupted");
  if (item.classList.contains("thinking")) { item.classList.remove("thinking"); setText(item, ""); }
  let note = item.querySelector(".note");
  if (!note) {
    note = document.createElement("span");
    note.className = "note";
    item.append(" ", note);
  }
  if (heard === null) note.textContent = "(interrupted)";
  else note.textContent = heard ? `(interrupted; you heard: \u201c${heard}\u201d)` : "(interrupted before a word was heard)";
}

function answersLastTurn(line) {
  // the line is the avatar's answer to the caller's last finished turn (it comes after it)
  return Boolean(line && line.isConnected && (!live.lastFinal ||
    live.lastFinal.compareDocumentPosition(line) & Node.DOCUMENT_POSITION_FOLLOWING));
}

function converse(event) {
  if (event.type === "user_speech_started" || (event.type === "transcript" && !live.userLine)) {
    live.userLine = transcriptLine("user");
    live.userLine.classList.add("partial");
    setText(live.userLine, "\u2026");
  }
  if (event.type === "transcript") {
    const line = live.userLine;
    line.classList.toggle("partial", !event.final);
    setText(line, event.text || "\u2026");
    if (event.final) {
      live.userLine = null;
      if (event.text.trim()) {
        live.lastFinal = line;
        live.sayLine = null; // the answer to it is a line of its own
      } else {
        line.remove(); // nothing recognisable (a noise)
      }
    }
  } else if (event.type === "reply_started") {
    live.sayLine = live.lastSaid = transcriptLine("avatar");
    live.sayLine.classList.add("thinking");
    setText(live.sayLine, "\u2026");
  } else if (event.type === "reply_empty") {
    setText(transcriptLine("avatar"), "(nothing to say)");
  } else if (event.type === "sentence") {
    if (!live.sayLine) live.sayLine = transcriptLine("avatar");
    const line = live.lastSaid = live.sayLine;
    const said = line.classList.contains("thinking") ? "" : line.querySelector(".text").textContent;
    line.classList.remove("thinking");
    setText(line, said ? `${said} ${event.text}` : event.text);
  } else if (event.type === "speaking_ended" && event.interrupted) {
    if (live.lastSaid) markCut(live.lastSaid, null);
    live.sayLine = null;
  } else if (event.type === "interrupted") {
    // talked over (the server's barge-in): what the caller heard of the reply before it stopped; a reply
    // still being thought of has no line yet, so its note goes right after the turn it answered
    const line = answersLastTurn(live.lastSaid) ? live.lastSaid : transcriptLine("avatar", live.lastFinal);
    markCut(line, event.heard || "");
    live.sayLine = null;
  }
}

function liveEvent(event) {
  converse(event);
  const item = document.createElement("li");
  let times = event.type === "sentence" ? ` ${event.start.toFixed(2)}-${event.end.toFixed(2)} s: ${event.text}` : "";
  if (event.type === "transcript") times = ` (${event.final ? "final" : "partial"}): ${event.text}`;
  item.textContent = `${event.type}${times}${event.message ? `: ${event.message}` : ""}`;
  item.dataset.type = event.type;
  $("live-events").append(item);
  while ($("live-events").children.length > 100) $("live-events").firstChild.remove();
  if (event.type === "error") notice(event.message);
  if (event.type === "closed") stopLive(false);
}

function gathered(pc) {
  // The server takes the whole offer at once, so wait for the ICE candidates (at most 3 s).
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { if (pc.iceGatheringState === "complete") resolve(); };
    pc.addEventListener("icegatheringstatechange", done);
    setTimeout(resolve, 3000);
  });
}

async function startLive(event, withMic = false) {
  if (event) event.preventDefault();
  if (live.pc) return;
  notice("");
  const audioOnly = $("live-audio-only").checked;
  let mic = null;
  if (withMic) {
    try {
      mic = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
    } catch (error) {
      notice(`Microphone: ${error.message}`);
      return;
    }
  }
  const pc = new RTCPeerConnection({ iceServers: [] });
  live.pc = pc;
  live.mic = mic;
  live.stream = new MediaStream();
  live.userLine = live.lastFinal = live.sayLine = live.lastSaid = null;
  const video = $("live-video");
  video.classList.toggle("audio-only", audioOnly);
  video.srcObject = live.stream;
  if (mic) {
    // sendrecv: the microphone goes up, the avatar's voice comes down on the same transceiver
    pc.addTransceiver(mic.getAudioTracks()[0], { direction: "sendrecv", streams: [mic] });
  } else {
    pc.addTransceiver("audio", { direction: "recvonly" });
  }
  micButton();
  if (!audioOnly) pc.addTransceiver("video", { direction: "recvonly" });
  pc.addEventListener("track", (e) => live.stream.addTrack(e.track));
  pc.addEventListener("connectionstatechange", () => {
    liveState(pc.connectionState);
    if (pc.connectionState === "failed") stopLive(false);
  });
  const channel = pc.createDataChannel("control");
  live.channel = channel;
  channel.addEventListener("message", (e) => liveEvent(JSON.parse(e.data)));
  channel.addEventListener("open", () => { $("live-say").disabled = false; $("live-interrupt").disabled = false; });
  liveState("connecting");
  $("live-start").disabled = true;
  $("live-stop").disabled = false;
  try {
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    const body = { sdp: pc.localDescription.sdp, type: "offer", video: !audioOnly };
    if ($("live-portrait").value) body.portrait = $("live-portrait").value;
    if ($("live-voice").value) body.voice = $("live-voice").value;
    const persona = $("live-persona").value.trim();
    if (persona) body.persona = persona; // the server bounds it (serve.live.chat.max_persona_chars)
    // headphones: no echo comes back, so the server need not keep the caller's quieter sounds out
    if (mic && $("live-headphones").checked) body.echo_cancelled = true;
    const answer = await json("/v1/live/sessions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    live.session = answer;
    await pc.setRemoteDescription({ type: "answer", sdp: answer.sdp });
    video.play().catch(() => { /* autoplay may wait for a click; the stream keeps coming */ });
  } catch (error) {
    notice(error.message);
    stopLive(false);
  }
}

async function stopLive(remove = true) {
  const { pc, session, mic } = live;
  live.pc = null;
  live.channel = null;
  live.session = null;
  live.mic = null;
  if (mic) mic.getTracks().forEach((t) => t.stop());
  if (remove && session) {
    try {
      await api(`/v1/live/sessions/${session.id}`, { method: "DELETE" });
    } catch (_) { /* already closed */ }
  }
  if (pc) pc.close();
  $("live-start").disabled = false;
  $("live-stop").disabled = true;
  $("live-say").disabled = true;
  $("live-interrupt").disabled = true;
  liveState("not connected");
  micButton();
}

async function sayLive(event) {
  event.preventDefault();
  const text = $("live-text").value;
  live.sayLine = null; // what it says now is a line of its own
  if (live.channel && live.channel.readyState === "open") {
    live.channel.send(JSON.stringify({ type: "say", text, flush: true }));
  } else if (live.session) {
    try {
      await json(`/v1/live/sessions/${live.session.id}/say`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text, flush: true }),
      });
    } catch (error) {
      notice(error.message);
    }
  }
}

function interruptLive() {
  if (live.channel && live.channel.readyState === "open") live.channel.send(JSON.stringify({ type: "interrupt" }));
}

async function addPortrait(event) {
  event.preventDefault();
  const file = $("portrait-image").files[0];
  const name = $("portrait-name").value.trim();
  if (!file || !name) {
    notice("choose a name and a photo");
    return;
  }
  const form = new FormData();
  form.append("name", name);
  form.append("image", file);
  try {
    await busy($("portrait-submit"), () => api("/v1/portraits", { method: "POST", body: form }));
    notice(`portrait ${name} added`, false);
    await loadLiveChoices();
    $("live-portrait").value = name;
  } catch (error) {
    notice(error.message);
  }
}

function personaBound() {
  const max = state.limits && state.limits.max_persona_chars;
  if (typeof max !== "number") return;
  $("live-persona").maxLength = max;
  $("live-persona-max").textContent = String(max);
}

document.querySelector("#tabs [data-tab=live]").addEventListener("click", () => { personaBound(); loadLiveChoices(); });
$("live-mic").addEventListener("click", talk);
$("live-form").addEventListener("submit", startLive);
$("live-stop").addEventListener("click", () => stopLive(true));
$("live-say-form").addEventListener("submit", sayLive);
$("live-interrupt").addEventListener("click", interruptLive);
$("portrait-form").addEventListener("submit", addPortrait);
window.addEventListener("pagehide", () => { if (live.session) stopLive(true); });
