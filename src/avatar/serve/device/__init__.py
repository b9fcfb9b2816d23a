"""The server's device thread, by responsibility: the tasks it runs (``tasks``), the queue that orders them and
lets interactive work run beside or inside a pipeline run (``scheduler``), the serve policy over the residency
core (``policy``), a speech task's sentences (``speech``), running and answering one task (``handling``), what
``/v1/models`` shows (``figures``), opening the device (``startup``) and the thread's supervisor
(``supervisor``). :class:`avatar.serve.device.thread.DeviceThread` puts them together."""
