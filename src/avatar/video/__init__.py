"""Video helpers for the talking-head, subtitles and mux stages.

One responsibility per module: ``ffmpeg`` finds and runs the binary, ``encode`` pipes raw frames into it,
``probe`` reads streams and frames back, ``portrait`` finds the face, ``animate`` turns speech into
per-frame motion, ``render`` draws one frame, ``captions`` builds SRT/WebVTT cues. Nothing here is
imported by the CLI at startup: numpy and OpenCV load only when a video stage runs.
"""
