"""Drop-in Rust ports of CPython's C modules: ``ferrocpy.ports.<module name>``.

Every port is linked into one shared library (``_ports``), so the ports share one copy of the
Rust runtime; ``ports.json`` beside it lists them. Importing this package lets
``import ferrocpy.ports.<name>`` find each port in that library.
"""

from ferrocpy.activation import install_package_finder as _install

_install()
del _install
