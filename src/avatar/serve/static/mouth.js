// avatar's mouth shapes drawn by a client: the example for apps that render their own face.
// One request gets the audio and, per frame at `fps`, blendshape weights named in `names` (ARKit-style:
// jawOpen, mouthClose, mouthFunnel, mouthPucker, mouthStretchLeft/Right, mouthRollLower). Frame i belongs
// at i / fps seconds into the audio, so the drawing reads audio.currentTime and never drifts from the sound.
"use strict";

const $ = (id) => document.getElementById(id);
const shown = { frames: [], names: [], fps: 30, drawn: 0 };

async function speak(text, key) {
  const headers = { "Content-Type": "application/json", "X-Requested-With": "avatar-mouth-example" };
  if (key) headers.Authorization = `Bearer ${key}`;
  const body = { model: "tts-1", voice: "alloy", input: text, response_format: "wav", mouth: { fps: 30 } };
  const response = await fetch("/v1/audio/speech", { method: "POST", headers, body: JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error ? answer.error.message : response.statusText);
  return answer; // { audio: base64, format, sample_rate, mouth: { fps, names, start, frames } }
}

function weight(frame, name) {
  const i = shown.names.indexOf(name);
  return i < 0 || !frame ? 0 : frame[i];
}

function draw(frame) {
  const canvas = $("mouth-canvas");
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  const open = weight(frame, "jawOpen");
  const rounded = Math.max(weight(frame, "mouthPucker"), weight(frame, "mouthFunnel"));
  const spread = (weight(frame, "mouthStretchLeft") + weight(frame, "mouthStretchRight")) / 2;
  const width = 110 * (1 + 0.3 * spread - 0.35 * rounded);
  const height = 4 + 70 * open;
  const cx = canvas.width / 2, cy = canvas.height / 2;
  g.fillStyle = "#5a1f24"; // the opening
  g.beginPath();
  g.ellipse(cx, cy, width / 2, height / 2, 0, 0, 2 * Math.PI);
  g.fill();
  g.lineWidth = 10 + 8 * rounded; // lips, fuller when rounded
  g.strokeStyle = "#b5545c";
  g.stroke();
  if (weight(frame, "mouthRollLower") > 0.3) { // the lower lip under the upper teeth (f, v)
    g.fillStyle = "#eee6d6";
    g.fillRect(cx - width / 3, cy - height / 2, (2 * width) / 3, 6);
  }
}

function tick() {
  const audio = $("mouth-audio");
  const i = Math.min(shown.frames.length - 1, Math.floor(audio.currentTime * shown.fps));
  const frame = audio.ended || i < 0 ? null : shown.frames[i];
  draw(frame);
  if (frame) shown.drawn += 1;
  document.body.dataset.drawn = String(shown.drawn);
  if (!audio.ended) requestAnimationFrame(tick);
  else $("mouth-status").textContent = `done: ${shown.drawn} frames drawn`;
}

$("mouth-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("mouth-status").textContent = "speaking...";
  try {
    const answer = await speak($("mouth-text").value, $("mouth-key").value || sessionStorage.getItem("avatar.key"));
    Object.assign(shown, answer.mouth, { drawn: 0 });
    const bytes = Uint8Array.from(atob(answer.audio), (c) => c.charCodeAt(0));
    const audio = $("mouth-audio");
    audio.src = URL.createObjectURL(new Blob([bytes], { type: "audio/wav" }));
    await audio.play();
    $("mouth-status").textContent = `playing: ${shown.frames.length} frames at ${shown.fps} fps`;
    requestAnimationFrame(tick);
  } catch (error) {
    $("mouth-status").textContent = `error: ${error.message}`;
  }
});
draw(null);
