"""Live sessions: a portrait that listens and speaks in real time over WebRTC (aiortc).

``timeline`` places speech on the session's one clock (48 kHz samples; video frames on the same grid),
``speech`` speaks a sentence through the session's speaking port (:mod:`avatar.speaking.port`, which the
server implements: live depends on no server module), ``tracks`` are the clock, the frame buffer the session
owns and the audio and video ``MediaStreamTrack`` s whose timestamps both come from that clock, and
``session`` ties a peer connection, its text, its render task and its events together. The server holds
every user's sessions (:mod:`avatar.serve.live_sessions`).
Nothing here is imported until a live route is used: aiortc, av, numpy and OpenCV load lazily.
"""
