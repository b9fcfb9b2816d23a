"""`avatar serve`: an OpenAI-compatible speech API over avatar's device thread.

Layout: ``app`` (the FastAPI app, middleware, exception handler, lifespan), ``routes/`` (one router per
resource), ``schemas`` (bodies), ``auth`` (Bearer keys as a dependency), ``keys`` (the hashed key store),
``worker`` (the one thread that owns every model), ``host`` (how a model is hosted: the seam for
isolation), ``audio`` (encoding), ``metrics`` and ``logbuffer``. Nothing here imports torch or a backend at
import time; the worker loads them on its own thread.
"""
