"""Hardware: which device to use, what it has, and which hardware profile fits it."""
