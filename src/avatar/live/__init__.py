"""Live sessions: a portrait that listens and speaks in real time over WebRTC (aiortc).

``timeline`` places speech on the session's one clock (48 kHz samples; video frames on the same grid),
``speech`` is the one seam to the device worker that synthesises it, ``tracks`` are the audio and video
``MediaStreamTrack`` s whose timestamps both come from that clock, ``session`` ties a peer connection, its
text, its render task and its events together, and ``manager`` holds every user's sessions.
Nothing here is imported until a live route is used: aiortc, av, numpy and OpenCV load lazily.
"""
