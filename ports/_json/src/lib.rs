//! ferrocpy.ports._json (work in progress).
