"""Speaking: a script (text, SSML, lexicon, normalisation) turned into what a speech backend is asked to say,
chunk by chunk, with pauses and timings (:mod:`avatar.speaking.service`), and the port a live session speaks
through (:mod:`avatar.speaking.port`), which the server implements."""
