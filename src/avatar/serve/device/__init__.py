"""The server's device thread, by responsibility: the jobs it runs (``jobs``), the queue that orders them and
lets interactive work run beside or inside a pipeline run (``scheduler``), the serve policy over the residency
core (``policy``), a speech job's sentences (``speech``), running and answering one job (``handling``), what
``/v1/models`` shows (``figures``), opening the device (``startup``) and the thread's supervisor
(``supervisor``). :class:`avatar.serve.worker.DeviceWorker` puts them together."""
