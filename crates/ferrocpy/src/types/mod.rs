//! Conversions and helpers per Python type, one file each.

pub mod bool;
pub mod bytes;
pub mod dict;
pub mod float;
pub mod int;
pub mod iter;
pub mod list;
pub mod module;
pub mod none;
pub mod str;
pub mod tuple;
