// avatar studio, Live tab: a WebRTC session with the avatar (POST /v1/live/sessions), text through the
// "control" data channel, events back on it. Uses app.js's api(), json(), $() and notice().
"use strict";

const live = { pc: null, channel: null, session: null, stream: null };
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

function liveEvent(event) {
  const item = document.createElement("li");
  const times = event.type === "sentence" ? ` ${event.start.toFixed(2)}-${event.end.toFixed(2)} s: ${event.text}` : "";
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

async function startLive(event) {
  event.preventDefault();
  if (live.pc) return;
  notice("");
  const audioOnly = $("live-audio-only").checked;
  const pc = new RTCPeerConnection({ iceServers: [] });
  live.pc = pc;
  live.stream = new MediaStream();
  const video = $("live-video");
  video.classList.toggle("audio-only", audioOnly);
  video.srcObject = live.stream;
  pc.addTransceiver("audio", { direction: "recvonly" });
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
  const { pc, session } = live;
  live.pc = null;
  live.channel = null;
  live.session = null;
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
}

async function sayLive(event) {
  event.preventDefault();
  const text = $("live-text").value;
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

document.querySelector("#tabs [data-tab=live]").addEventListener("click", loadLiveChoices);
$("live-form").addEventListener("submit", startLive);
$("live-stop").addEventListener("click", () => stopLive(true));
$("live-say-form").addEventListener("submit", sayLive);
$("live-interrupt").addEventListener("click", interruptLive);
$("portrait-form").addEventListener("submit", addPortrait);
window.addEventListener("pagehide", () => { if (live.session) stopLive(true); });
