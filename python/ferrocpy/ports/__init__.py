"""Drop-in Rust ports of CPython's C modules: ``ferrocpy.ports.<module name>``."""
