//! ferrocpy: write CPython extension modules in safe Rust, directly on the C API.
//!
//! The layer is deliberately small. One concept per file:
//!
//! - [`Python`] (`python.rs`): a token proving the current thread is attached to the interpreter.
//! - [`Owned`] and [`Borrowed`] (`object.rs`): strong and borrowed object handles tied to that
//!   token, so reference counts cannot leak or be released twice from safe code.
//! - [`PyErr`] / [`PyResult`] (`err.rs`): a `PyErr` is proof that the interpreter's error
//!   indicator is set; [`exc`] raises built-in exceptions.
//! - [`Buffer`] (`buffer.rs`): a read-only buffer view released on every path.
//! - `types/`: conversions between Rust values and Python objects, one file per Python type.
//! - [`module`]: multi-phase module definitions with per-module state.
//! - [`class`]: Rust values as instances of per-module heap types, with clinic-declared methods.
//! - [`method`] and [`args`]: function definitions in C's calling conventions and the argument
//!   binder the clinic's generated glue calls.
//! - `panic.rs`: panic containment, used by every C entry point.
//!
//! All `unsafe` lives here and in `cpython-sys`; port crates need none.

pub use cpython_sys as ffi;

pub mod argconv;
pub mod args;
mod buffer;
mod call;
pub mod class;
mod convert;
mod critical;
mod err;
pub mod exc;
pub mod listcmp;
pub mod method;
pub mod module;
mod object;
mod panic;
mod python;
pub mod raise;
pub mod sequence;
mod stored;
pub mod types;

pub use buffer::Buffer;
pub use class::{ClassType, PyClass, Ref};
pub use convert::{FromPyObject, IntoPyObject};
pub use err::{PyErr, PyResult};
pub use method::MethodDef;
pub use module::{Module, ModuleState, Visit};
pub use object::{Borrowed, CompareOp, Owned};
pub use python::Python;
pub use stored::Stored;

#[doc(hidden)]
pub mod __private {
    pub use crate::method::entry;
}
