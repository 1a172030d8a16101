//! Classes declared as CPython declares them: `pairwise` mirrors `itertools.pairwise`
//! (`__new__` with a positional-only parameter, `__iter__`/`__next__`, Python objects held in
//! GC-visible fields, subclassable), `SimpleQueue` mirrors `_queue.SimpleQueue` (`__new__`
//! without parameters, methods with C's blocks, items behind a lock), and `Tally` (no C
//! counterpart) exercises `__init__` and the other special methods.

use crate::State;
use ferrocpy::class::{field::Lock, Flag, PyField, TypeRef};
use ferrocpy::{Borrowed, CompareOp, IntoPyObject, Module, Owned, PyResult, Ref};
use std::collections::VecDeque;

pub(crate) mod clinic {
    include!("clinic/classes.rs");
}
pub(crate) use clinic::_CLINIC_MIRROR_SHARED_FIELD_METHODDEF;

// ---- pairwise ---------------------------------------------------------------------------------

/// `itertools.pairwise`: the source iterator and the previous item.
pub struct Pairwise {
    it: PyField,
    old: PyField,
}

ferrocpy::class! {
    type: Pairwise,
    name: "_clinic_mirror.pairwise",
    state: State,
    subclassable: true,
    gc: [it, old],
    entries: [clinic::_CLINIC_MIRROR_PAIRWISE_ENTRIES],
}

/*[clinic input]
module _clinic_mirror state=State
class _clinic_mirror.pairwise "Pairwise" subclassable
@classmethod
_clinic_mirror.pairwise.__new__

    iterable: object
    /

Return an iterator of overlapping pairs taken from the input iterator.

    s -> (s0,s1), (s1,s2), (s2, s3), ...
[clinic start generated code]*/
fn pairwise_new_impl<'a, 'py>(
    cls: TypeRef<'a, 'py, Pairwise>,
    iterable: Borrowed<'a, 'py>,
) -> PyResult<Pairwise>
/*[clinic end generated code: output=0dbd2c99a1dbc9af input=936ffda4c4d7d08a]*/
{
    let it = ferrocpy::types::iter::iter(iterable)?;
    Ok(Pairwise {
        it: PyField::new(it.into_owned()),
        old: PyField::empty(),
    })
}

/*[clinic input]
_clinic_mirror.pairwise.__iter__
[clinic start generated code]*/
fn pairwise_iter_impl<'a, 'py>(slf: Ref<'a, 'py, Pairwise>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=8942a3249851b92a input=0793ad3d5299500c]*/
{
    Ok(slf.as_borrowed().to_owned())
}

/// The next item of iterator `it`, `None` at its end.
fn step<'py>(it: &Owned<'py>) -> PyResult<Option<Owned<'py>>> {
    ferrocpy::types::iter::next(it.as_borrowed())
}

/*[clinic input]
_clinic_mirror.pairwise.__next__
[clinic start generated code]*/
fn pairwise_next_impl<'a, 'py>(slf: Ref<'a, 'py, Pairwise>) -> PyResult<Option<Owned<'py>>>
/*[clinic end generated code: output=83206ce7a7dac65b input=996b48857b1f3545]*/
{
    let py = slf.py();
    let Some(it) = slf.it.get(py) else {
        return Ok(None);
    };
    let old = match slf.old.get(py) {
        Some(old) => old,
        None => match step(&it) {
            Ok(Some(old)) => {
                slf.old.set(py, Some(old.clone()));
                old
            }
            r => {
                slf.it.set(py, None);
                return r;
            }
        },
    };
    match step(&it) {
        Ok(Some(new)) => {
            slf.old.set(py, Some(new.clone()));
            ferrocpy::types::tuple::new(py, [old, new]).map(Some)
        }
        r => {
            slf.it.set(py, None);
            slf.old.set(py, None);
            r
        }
    }
}

// ---- SimpleQueue ------------------------------------------------------------------------------

/// `_queue.SimpleQueue`: the items, behind a lock (the methods may run on several threads at
/// once without a GIL).
pub struct SimpleQueue {
    items: Lock<VecDeque<PyField>>,
}

ferrocpy::class! {
    type: SimpleQueue,
    name: "_clinic_mirror.SimpleQueue",
    state: State,
    subclassable: true,
    gc: [items],
    entries: [
        clinic::_CLINIC_MIRROR_SIMPLEQUEUE_ENTRIES,
        crate::versioned::_CLINIC_MIRROR_SIMPLEQUEUE_ENTRIES,
    ],
}

/*[clinic input]
class _clinic_mirror.SimpleQueue "SimpleQueue" subclassable
@classmethod
_clinic_mirror.SimpleQueue.__new__

Simple, unbounded, reentrant FIFO queue.
[clinic start generated code]*/
fn simple_queue_new_impl<'a, 'py>(cls: TypeRef<'a, 'py, SimpleQueue>) -> PyResult<SimpleQueue>
/*[clinic end generated code: output=b52f2192d73a2142 input=173dba375c37c222]*/
{
    Ok(SimpleQueue {
        items: Lock::new(VecDeque::new()),
    })
}

/// `put`: declared per version (3.14 rewrapped its docstring): `pre314.rs`, `v314.rs`.
pub(crate) fn queue_put<'py>(
    slf: Ref<'_, 'py, SimpleQueue>,
    item: Borrowed<'_, 'py>,
) -> PyResult<Owned<'py>> {
    let py = slf.py();
    slf.items.lock(py).push_back(PyField::new(item.to_owned()));
    Ok(py.none().to_owned())
}

/*[clinic input]
_clinic_mirror.SimpleQueue.put_nowait

    item: object

Put an item into the queue without blocking.

This is exactly equivalent to `put(item)` and is only provided
for compatibility with the Queue class.
[clinic start generated code]*/
fn simple_queue_put_nowait_impl<'a, 'py>(
    slf: Ref<'a, 'py, SimpleQueue>,
    item: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=562dcfd5ae3ba7bf input=fed36994671ba07d]*/
{
    queue_put(slf, item)
}

/*[clinic input]
_clinic_mirror.SimpleQueue.get_nowait

    cls: defining_class
    /

Remove and return an item from the queue without blocking.

Only get an item if one is immediately available. Otherwise
raise the Empty exception.
[clinic start generated code]*/
fn simple_queue_get_nowait_impl<'a, 'py>(
    slf: Ref<'a, 'py, SimpleQueue>,
    cls: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=746150e7b88451cb input=a75e03dc35cf6814]*/
{
    let py = slf.py();
    let item = slf.items.lock(py).pop_front();
    match item.and_then(|f| f.take(py)) {
        Some(o) => Ok(o),
        None => Err(ferrocpy::exc::IndexError::new_err(py, "empty queue")),
    }
}

/*[clinic input]
_clinic_mirror.SimpleQueue.empty -> bool

Return True if the queue is empty, False otherwise (not reliable!).
[clinic start generated code]*/
fn simple_queue_empty_impl<'a, 'py>(slf: Ref<'a, 'py, SimpleQueue>) -> PyResult<bool>
/*[clinic end generated code: output=fa4490c4c066f994 input=82253a21bad501aa]*/
{
    Ok(slf.items.lock(slf.py()).is_empty())
}

/*[clinic input]
_clinic_mirror.SimpleQueue.qsize -> Py_ssize_t

Return the approximate size of the queue (not reliable!).
[clinic start generated code]*/
fn simple_queue_qsize_impl<'a, 'py>(slf: Ref<'a, 'py, SimpleQueue>) -> PyResult<isize>
/*[clinic end generated code: output=a944f914152d078e input=bab89988b0c179b5]*/
{
    Ok(slf.items.lock(slf.py()).len() as isize)
}

// ---- Tally ------------------------------------------------------------------------------------

/// A counter exercising `__init__` and the special methods (no C counterpart).
#[derive(Default)]
pub struct Tally {
    state: Lock<TallyState>,
    kept: PyField,
}

#[derive(Default, Clone, Copy)]
struct TallyState {
    total: i64,
    step: i64,
    calls: usize,
}

ferrocpy::class! {
    type: Tally,
    name: "_clinic_mirror.Tally",
    state: State,
    subclassable: true,
    gc: [kept],
    entries: [clinic::_CLINIC_MIRROR_TALLY_ENTRIES],
    slots: [
        ferrocpy::class::SlotDef::<Tally>::default_new(),
        ferrocpy::slot!(richcompare, Tally, tally_richcompare),
    ],
}

impl Tally {
    fn snapshot(&self, py: ferrocpy::Python<'_>) -> TallyState {
        *self.state.lock(py)
    }
}

/*[clinic input]
class _clinic_mirror.Tally "Tally" subclassable
_clinic_mirror.Tally.__init__

    start: int = 0
    *
    step: int = 1

Count calls, adding step each time.
[clinic start generated code]*/
fn tally_init_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>, start: i32, step: i32) -> PyResult<()>
/*[clinic end generated code: output=ef1321d56e41d827 input=d4525f1cf62f882b]*/
{
    *slf.state.lock(slf.py()) = TallyState {
        total: start.into(),
        step: step.into(),
        calls: 0,
    };
    Ok(())
}

/*[clinic input]
_clinic_mirror.Tally.__call__ -> Py_ssize_t

    times: Py_ssize_t = 1
    /

[clinic start generated code]*/
fn tally_call_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>, times: isize) -> PyResult<isize>
/*[clinic end generated code: output=6f45c0da315a5437 input=2ce8488691113b33]*/
{
    let mut st = slf.state.lock(slf.py());
    st.total += st.step * times as i64;
    st.calls += 1;
    Ok(st.total as isize)
}

/*[clinic input]
_clinic_mirror.Tally.__len__
[clinic start generated code]*/
fn tally_len_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>) -> PyResult<usize>
/*[clinic end generated code: output=49bb45f1993e0972 input=bcb3951eb101f491]*/
{
    Ok(slf.snapshot(slf.py()).calls)
}

/*[clinic input]
_clinic_mirror.Tally.__getitem__

    key: object
    /
[clinic start generated code]*/
fn tally_getitem_impl<'a, 'py>(
    slf: Ref<'a, 'py, Tally>,
    key: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=a5af9264b1c8f314 input=ec08975a4ba504da]*/
{
    let py = slf.py();
    let i: i64 = key.extract()?;
    let st = slf.snapshot(py);
    if i < 0 || i as usize > st.calls {
        return Err(ferrocpy::exc::IndexError::new_err(
            py,
            "Tally index out of range",
        ));
    }
    (st.total - st.step * (st.calls as i64 - i)).into_py(py)
}

/*[clinic input]
_clinic_mirror.Tally.__repr__
[clinic start generated code]*/
fn tally_repr_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=0fd8fbdc29cd64e1 input=71592763fdff48ac]*/
{
    let py = slf.py();
    let st = slf.snapshot(py);
    ferrocpy::types::str::new(py, &format!("Tally(total={}, step={})", st.total, st.step))
}

/*[clinic input]
_clinic_mirror.Tally.__hash__
[clinic start generated code]*/
fn tally_hash_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>) -> PyResult<isize>
/*[clinic end generated code: output=c45103974046413f input=972d384455dc2ae4]*/
{
    Ok(slf.snapshot(slf.py()).total as isize)
}

/*[clinic input]
_clinic_mirror.Tally.__iter__
[clinic start generated code]*/
fn tally_iter_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=bf0a9fb6334ca7a4 input=3196de20741f149c]*/
{
    let py = slf.py();
    let st = slf.snapshot(py);
    let items = (0..=st.calls)
        .map(|i| (st.total - st.step * (st.calls - i) as i64).into_py(py))
        .collect::<PyResult<Vec<_>>>()?;
    let t = ferrocpy::types::tuple::new(py, items)?;
    Ok(ferrocpy::types::iter::iter(t.as_borrowed())?
        .as_borrowed()
        .to_owned())
}

/// Rich comparison by total, with another `Tally` (a hand-written slot glue).
fn tally_richcompare<'a, 'py>(
    slf: Ref<'a, 'py, Tally>,
    other: Borrowed<'a, 'py>,
    op: CompareOp,
) -> PyResult<Owned<'py>> {
    let py = slf.py();
    let state = slf.module()?.state()?;
    let Some(other) = state.tally.downcast_subclass(other) else {
        return Ok(py.not_implemented().to_owned());
    };
    let (a, b) = (slf.snapshot(py).total, other.snapshot(py).total);
    let r = match op {
        CompareOp::Lt => a < b,
        CompareOp::Le => a <= b,
        CompareOp::Eq => a == b,
        CompareOp::Ne => a != b,
        CompareOp::Gt => a > b,
        CompareOp::Ge => a >= b,
    };
    Ok(py.bool(r).to_owned())
}

/*[clinic input]
@getter
_clinic_mirror.Tally.total

The running total (read-only).
[clinic start generated code]*/
fn tally_total_get_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=cffbef6e3b513cff input=2b876b53747cf386]*/
{
    let py = slf.py();
    slf.snapshot(py).total.into_py(py)
}

/*[clinic input]
@getter
_clinic_mirror.Tally.step
[clinic start generated code]*/
fn tally_step_get_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=ddc1efb3efebfa12 input=6c9cefb5cceaa956]*/
{
    let py = slf.py();
    slf.snapshot(py).step.into_py(py)
}

/*[clinic input]
@setter
_clinic_mirror.Tally.step
[clinic start generated code]*/
fn tally_step_set_impl<'a, 'py>(
    slf: Ref<'a, 'py, Tally>,
    value: Option<Borrowed<'a, 'py>>,
) -> PyResult<()>
/*[clinic end generated code: output=74ca76205212d6d5 input=2fd5c8b06f7e157c]*/
{
    let py = slf.py();
    let Some(value) = value else {
        return Err(ferrocpy::exc::AttributeError::new_err(
            py,
            "cannot delete step",
        ));
    };
    let step: i32 = value.extract()?;
    slf.state.lock(py).step = step.into();
    Ok(())
}

/*[clinic input]
_clinic_mirror.Tally.keep

    obj: object
    /

Keep obj (a Python object the collector sees through the instance).
[clinic start generated code]*/
fn tally_keep_impl<'a, 'py>(
    slf: Ref<'a, 'py, Tally>,
    obj: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=5da6164c96455863 input=4d0e2b82f971d3ae]*/
{
    slf.kept.set(slf.py(), Some(obj.to_owned()));
    Ok(slf.py().none().to_owned())
}

/*[clinic input]
_clinic_mirror.Tally.kept

The object kept, or None.
[clinic start generated code]*/
fn tally_kept_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=ab9d3d6756d659db input=763d80084c5a411d]*/
{
    let py = slf.py();
    Ok(slf.kept.get(py).unwrap_or_else(|| py.none().to_owned()))
}

/*[clinic input]
_clinic_mirror.Tally.__enter__

Return self.
[clinic start generated code]*/
fn tally_enter_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=8101f7b3fd7cdd1d input=58d550660483d3e1]*/
{
    Ok(slf.as_borrowed().to_owned())
}

/*[clinic input]
_clinic_mirror.Tally.__exit__

    exc_type: object
    exc_value: object
    traceback: object
    /

Count the exit; do not swallow exceptions.
[clinic start generated code]*/
fn tally_exit_impl<'a, 'py>(
    slf: Ref<'a, 'py, Tally>,
    exc_type: Borrowed<'a, 'py>,
    exc_value: Borrowed<'a, 'py>,
    traceback: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=993e1fff31add9ac input=702f7ef9457cdfff]*/
{
    let py = slf.py();
    slf.state.lock(py).calls += 1;
    Ok(py.bool(false).to_owned())
}

/// A new `Tally` of the same class with the same counts.
fn tally_clone<'py>(slf: Ref<'_, 'py, Tally>) -> PyResult<Owned<'py>> {
    let py = slf.py();
    let st = slf.snapshot(py);
    let state = slf.module()?.state()?;
    state.tally.instantiate(
        py,
        Tally {
            state: Lock::new(st),
            kept: match slf.kept.get(py) {
                Some(o) => PyField::new(o),
                None => PyField::empty(),
            },
        },
    )
}

/*[clinic input]
_clinic_mirror.Tally.__copy__

Return a copy.
[clinic start generated code]*/
fn tally_copy_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=6d127002fe17ab40 input=9558896fdb6b5133]*/
{
    tally_clone(slf)
}

/*[clinic input]
_clinic_mirror.Tally.__deepcopy__

    memo: object
    /

Return a copy.
[clinic start generated code]*/
fn tally_deepcopy_impl<'a, 'py>(
    slf: Ref<'a, 'py, Tally>,
    memo: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=8e36b8ce23170b33 input=29550cf4b4570dfd]*/
{
    tally_clone(slf)
}

/*[clinic input]
_clinic_mirror.Tally.__reduce__

Return state information for pickling.
[clinic start generated code]*/
fn tally_reduce_impl<'a, 'py>(slf: Ref<'a, 'py, Tally>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=e544210f26189ef6 input=a607b961ecb478e8]*/
{
    let py = slf.py();
    let st = slf.snapshot(py);
    let args = ferrocpy::types::tuple::new(py, vec![st.total.into_py(py)?])?;
    let ty = slf.as_borrowed().get_type().to_owned();
    ferrocpy::types::tuple::new(py, vec![ty, args])
}

// ---- _ZlibDecompressor -----------------------------------------------------------------------

/// `zlib._ZlibDecompressor` (3.12+ in C): `__new__`, `decompress`, the read-only members `eof`
/// and `needs_input` (C's `member_descriptor`s) and `unused_data` (a getter here: object
/// members are not offered). Its `__new__` and `decompress` blocks changed in 3.15 and 3.14:
/// they are in `pre315.rs`/`v315.rs` and `pre314.rs`/`v314.rs`. `decompress` returns its input
/// (at most `max_length` bytes): the point is the binding, not the computation.
pub struct ZlibDecompressor {
    pub(crate) eof: Flag,
    pub(crate) needs_input: Flag,
    pub(crate) unused_data: PyField,
    pub(crate) wbits: i32,
}

ferrocpy::class! {
    type: ZlibDecompressor,
    name: "_clinic_mirror._ZlibDecompressor",
    state: State,
    gc: [unused_data],
    entries: [
        clinic::_CLINIC_MIRROR__ZLIBDECOMPRESSOR_ENTRIES,
        crate::versioned::_CLINIC_MIRROR__ZLIBDECOMPRESSOR_ENTRIES_NEW,
        crate::versioned::_CLINIC_MIRROR__ZLIBDECOMPRESSOR_ENTRIES_DECOMPRESS,
    ],
    members: [
        eof => "True if the end-of-stream marker has been reached.",
        needs_input => "True if more input is needed before more decompressed data can be produced.",
    ],
}

/// The value of a new decompressor (`__new__` of either version).
pub(crate) fn zlib_decompressor_new(
    wbits: i32,
    zdict: Option<Borrowed<'_, '_>>,
) -> PyResult<ZlibDecompressor> {
    let py_unused = zdict.map(|z| z.py());
    Ok(ZlibDecompressor {
        eof: Flag::new(false),
        needs_input: Flag::new(true),
        unused_data: match py_unused {
            Some(py) => PyField::new(ferrocpy::types::bytes::new(py, b"")?),
            None => PyField::empty(),
        },
        wbits,
    })
}

/// `decompress` (either version): returns at most `max_length` bytes of `data` and updates the
/// members as C's would for a stream that has not ended.
pub(crate) fn zlib_decompressor_decompress<'py>(
    slf: Ref<'_, 'py, ZlibDecompressor>,
    data: &[u8],
    max_length: isize,
) -> PyResult<Owned<'py>> {
    let py = slf.py();
    let _ = slf.wbits;
    if slf.eof.get() {
        return Err(ferrocpy::exc::EOFError::new_err(
            py,
            "End of stream already reached",
        ));
    }
    let n = if max_length < 0 {
        data.len()
    } else {
        data.len().min(max_length as usize)
    };
    slf.needs_input.set(n == data.len());
    if data.is_empty() && max_length == 0 {
        slf.eof.set(true);
    }
    ferrocpy::types::bytes::new(py, &data[..n])
}

/*[clinic input]
class _clinic_mirror._ZlibDecompressor "ZlibDecompressor"
@getter
_clinic_mirror._ZlibDecompressor.unused_data

Data found after the end of the compressed stream.
[clinic start generated code]*/
fn _zlib_decompressor_unused_data_get_impl<'a, 'py>(
    slf: Ref<'a, 'py, ZlibDecompressor>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=cca998a4e91995b2 input=62c93bfacf5f1560]*/
{
    let py = slf.py();
    match slf.unused_data.get(py) {
        Some(o) => Ok(o),
        None => ferrocpy::types::bytes::new(py, b""),
    }
}

// ---- zero-sized values --------------------------------------------------------------------------

/// Two classes whose values are zero-sized (`__class__` assignment between instances of their
/// Python subclasses must be refused as a layout change).
pub struct Empty;
/// See [`Empty`].
pub struct Empty2;

ferrocpy::class! {
    type: Empty,
    name: "_clinic_mirror.Empty",
    state: State,
    subclassable: true,
    entries: [clinic::_CLINIC_MIRROR_EMPTY_ENTRIES],
}

ferrocpy::class! {
    type: Empty2,
    name: "_clinic_mirror.Empty2",
    state: State,
    subclassable: true,
    entries: [clinic::_CLINIC_MIRROR_EMPTY2_ENTRIES],
}

/*[clinic input]
class _clinic_mirror.Empty "Empty" subclassable
@classmethod
_clinic_mirror.Empty.__new__

A class with a zero-sized value.
[clinic start generated code]*/
fn empty_new_impl<'a, 'py>(cls: TypeRef<'a, 'py, Empty>) -> PyResult<Empty>
/*[clinic end generated code: output=27d74344ae292a94 input=729990d7751ead8e]*/
{
    Ok(Empty)
}

/*[clinic input]
class _clinic_mirror.Empty2 "Empty2" subclassable
@classmethod
_clinic_mirror.Empty2.__new__

Another class with a zero-sized value.
[clinic start generated code]*/
fn empty2_new_impl<'a, 'py>(cls: TypeRef<'a, 'py, Empty2>) -> PyResult<Empty2>
/*[clinic end generated code: output=0be7d1e0529276ed input=489a2665e447ba5f]*/
{
    Ok(Empty2)
}

// ---- a field shared across interpreters -------------------------------------------------------

/// A `PyField` in a static, reachable from every interpreter: using it from an interpreter
/// other than the one that stored the object must be refused (a panic, `SystemError`).
static SHARED: PyField = PyField::empty();

/*[clinic input]
_clinic_mirror.shared_field

    obj: object = None
    /

Store obj in a static PyField (if given), then return what it holds.
[clinic start generated code]*/
fn shared_field_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    obj: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=5f85bdc16a159d18 input=0fde7c9137d12437]*/
{
    let py = module.py();
    if !obj.is_none() {
        SHARED.set(py, Some(obj.to_owned()));
    }
    Ok(SHARED.get(py).unwrap_or_else(|| py.none().to_owned()))
}
