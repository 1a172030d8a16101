"""CPython 3.14 and 3.15 from Debian's unstable suite, run in a minimal unstable root.

Debian 12 (this machine) has no CPython newer than 3.11. Unstable ships `python3.14` and
`python3.15` with their `-dev`, `-dbg`, `-venv` and `libpython3.1x-testsuite` packages, linked
against unstable's libc, so they run inside a root made with `debootstrap --variant=minbase sid`.

- The root lives outside the checkout (`/var/lib/ferrocpy/sid`, or `$FERROCPY_SID_ROOT`) so
  that clones share it. It is trusted only when its marker file holds the fingerprint of the
  package set below; anything else (a crashed or older set-up) is deleted and made again.
- Nothing is mounted on the host. Every command runs through a launcher script that enters a
  private mount namespace (`unshare -m`), mounts `/proc`, `/dev`, the project, the Rust
  toolchain (`$CARGO_HOME`, `$RUSTUP_HOME`) at their own paths inside the root, then `chroot`s
  and changes to the caller's directory. The mounts vanish with the process, so a killed run
  leaves nothing behind, and paths are the same inside and outside.
- pip inside reaches PyPI as on the host: the host's CA bundle and `/etc/pip.conf` are copied
  in, and the `PIP_*` environment passes through.

Building the root takes about 30 s (debootstrap) plus one to two minutes (packages).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from .log import step, warn

SID_ROOT = Path(os.environ.get("FERROCPY_SID_ROOT", "/var/lib/ferrocpy/sid"))
MINORS = ("3.14", "3.15")
PACKAGES = tuple(
    [f"python{m}{suffix}" for m in MINORS for suffix in ("", "-dev", "-dbg", "-venv")]
    + [f"libpython{m}-testsuite" for m in MINORS]
    + ["libclang-dev", "gcc", "libc6-dev", "ca-certificates", "valgrind"]
)
# Changing anything here or in the set-up steps below: bump the version so old roots are rebuilt.
SETUP_VERSION = "1"
MARKER = ".ferrocpy-ready"
APT_OPTS = ("-o", "Acquire::Check-Valid-Until=false", "-o", "APT::Install-Recommends=false")
DEFAULT_MIRROR = "http://deb.debian.org/debian"


def _fingerprint() -> str:
    return hashlib.sha256(f"{SETUP_VERSION} {' '.join(PACKAGES)}".encode()).hexdigest()


def host_mirror() -> str:
    """The Debian mirror this machine's apt already uses (deb822 or one-line sources)."""
    sources = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for src in sources:
        if src.suffix not in ("", ".list", ".sources") or not src.is_file():
            continue
        text = src.read_text(errors="replace")
        for m in re.finditer(r"^(?:URIs:\s*|deb\s+(?:\[[^\]]*\]\s*)?)(\S+)", text, re.M):
            uri = m.group(1)
            if uri.rstrip("/").endswith("/debian"):
                return uri.rstrip("/")
    return DEFAULT_MIRROR


def _toolchain_dirs() -> list[Path]:
    home = Path.home()
    dirs = [Path(os.environ.get("CARGO_HOME", home / ".cargo")), Path(os.environ.get("RUSTUP_HOME", home / ".rustup"))]
    return [d.resolve() for d in dirs if d.exists()]


def launcher(project: Path) -> Path:
    """Writes (once per project) the script that runs a command inside the root."""
    path = project / ".venv" / "sid-run"
    binds = [project.resolve(), *_toolchain_dirs()]
    lines = [
        "#!/bin/sh",
        "# Written by dev.py (tools/devtasks/sid.py): runs a command inside the Debian-unstable root",
        "# that holds CPython 3.14/3.15, in a private mount namespace, in the caller's directory.",
        f"R={SID_ROOT}",
        'exec unshare -m --propagation private /bin/sh -c \'',
        'R=$1; shift; set -e',
        'mount -t proc proc "$R/proc"',
        'mount --rbind /dev "$R/dev"',
    ]
    for b in binds:
        lines.append(f'mkdir -p "$R{b}"; mount --bind "{b}" "$R{b}"')
    lines += [
        'here=$(pwd -P); [ -d "$R$here" ] || here=/',
        'exec chroot "$R" /usr/bin/env -C "$here" PATH="' + ":".join(
            [str(d / "bin") for d in _toolchain_dirs()[:1]] + ["/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
        ) + '" "$@"',
        '\' sid-run "$R" "$@"',
        "",
    ]
    text = "\n".join(lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
        path.chmod(0o755)
    return path


def _is_mounted_below(root: Path) -> bool:
    prefix = str(root.resolve()) + "/"
    with open("/proc/self/mounts") as f:
        return any(line.split()[1].startswith(prefix) for line in f if len(line.split()) > 1)


def _remove(root: Path) -> None:
    if not root.exists():
        return
    if _is_mounted_below(root):
        # A mount left by hand (or by an older set-up); never delete through it.
        subprocess.run(["umount", "-R", "-l", str(root)], check=False, capture_output=True)
        for line in reversed(Path("/proc/self/mounts").read_text().splitlines()):
            mp = line.split()[1]
            if mp.startswith(str(root.resolve()) + "/"):
                subprocess.run(["umount", "-l", mp], check=False, capture_output=True)
        if _is_mounted_below(root):
            raise SystemExit(f"dev.py: {root} still has mounts below it; unmount them and rerun")
    step(f"removing the incomplete root {root}")
    subprocess.run(["rm", "-rf", "--one-file-system", str(root)], check=True)


def _copy_host_config(root: Path) -> None:
    """DNS, the CA bundle (the registries may sit behind a proxy with its own CA) and pip's config."""
    for src in ("/etc/resolv.conf", "/etc/ssl/certs/ca-certificates.crt", "/etc/pip.conf"):
        s = Path(src)
        if s.is_file():
            dst = root / src.lstrip("/")
            dst.parent.mkdir(parents=True, exist_ok=True)
            if dst.is_symlink():
                dst.unlink()
            shutil.copyfile(s, dst)
    links = os.environ.get("PIP_FIND_LINKS")
    for d in (links or "").split():
        if d.startswith("/"):
            (root / d.lstrip("/")).mkdir(parents=True, exist_ok=True)


def ensure_root(apt_install) -> Path | None:
    """Makes (or checks) the root; returns it, or None where it cannot be made (not root)."""
    marker = SID_ROOT / MARKER
    if marker.is_file() and marker.read_text().strip() == _fingerprint():
        _copy_host_config(SID_ROOT)
        return SID_ROOT
    if os.geteuid() != 0:
        warn(f"CPython 3.14/3.15 need a Debian-unstable root at {SID_ROOT}, made as root; skipped")
        return None
    if shutil.which("unshare") is None or not apt_install(["debootstrap"]):
        warn("debootstrap/unshare unavailable; CPython 3.14/3.15 skipped")
        return None
    _remove(SID_ROOT)
    SID_ROOT.parent.mkdir(parents=True, exist_ok=True)
    mirror = host_mirror()
    step(f"debootstrap --variant=minbase sid {SID_ROOT} {mirror}")
    subprocess.run(
        ["debootstrap", "--variant=minbase", "sid", str(SID_ROOT), mirror],
        check=True, stdout=subprocess.DEVNULL,
    )
    _copy_host_config(SID_ROOT)
    run = [
        "unshare", "-m", "--propagation", "private", "/bin/sh", "-c",
        'set -e; mount -t proc proc "$0/proc"; mount --rbind /dev "$0/dev"; exec chroot "$0" "$@"',
        str(SID_ROOT),
    ]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    step("unstable root: apt-get update")
    subprocess.run([*run, "apt-get", *APT_OPTS, "update", "-qq"], check=True, env=env)
    step(f"unstable root: apt-get install {' '.join(PACKAGES)}")
    subprocess.run(
        [*run, "apt-get", *APT_OPTS, "install", "-y", "-qq", *PACKAGES],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )
    _copy_host_config(SID_ROOT)  # ca-certificates rewrote the bundle without the host's CAs
    marker.write_text(_fingerprint() + "\n")
    return SID_ROOT


def interpreter_paths(with_debug: bool) -> list[tuple[str, str, bool]]:
    """(name, path inside the root, debug) for each interpreter the root holds."""
    found = []
    for m in MINORS:
        tag = m.replace(".", "")
        for name, exe, debug in ((f"cp{tag}", f"/usr/bin/python{m}", False), (f"cp{tag}d", f"/usr/bin/python{m}d", True)):
            if debug and not with_debug:
                continue
            if (SID_ROOT / exe.lstrip("/")).exists():
                found.append((name, exe, debug))
    return found
