"""Video helpers for the talking-head, subtitles and mux stages.

One responsibility per module: ``ffmpeg`` finds and runs the binary, ``encode`` pipes raw frames into it,
``probe`` reads streams and frames back, ``portrait`` finds the face and crops it, ``landmarks`` runs the
face-mesh model, ``visemes`` turns phonemes into mouth shapes, ``animate`` turns speech into per-frame
motion, ``rig`` lays meshes along lips, jaw and eyelids and moves them, ``mesh`` does the piecewise-affine
warp, ``render`` draws one frame, ``measure`` re-detects landmarks on rendered frames (lip-sync figures),
``captions`` builds SRT/WebVTT cues. Nothing here is
imported by the CLI at startup: numpy and OpenCV load only when a video stage runs.
"""
