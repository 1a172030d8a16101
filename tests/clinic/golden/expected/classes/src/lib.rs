//! Golden input: a class with methods in each calling convention, with and without
//! `defining_class`, and a module function that creates instances.

/*[clinic input]
module classes state=State
class classes.Counter
class classes.BytesIO "crate::io::Buffer" "&BytesIO_Type"
classes.Counter.bump

Add one.
[clinic start generated code]*/
fn counter_bump_impl<'a, 'py>(slf: Ref<'a, 'py, Counter>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=74188e4d3abf7d96 input=eff2cd839b4d61b7]*/

/*[clinic input]
classes.Counter.add -> Py_ssize_t

    n: Py_ssize_t
    /

Add n and return the total.
[clinic start generated code]*/
fn counter_add_impl<'a, 'py>(slf: Ref<'a, 'py, Counter>, n: isize) -> PyResult<isize>
/*[clinic end generated code: output=a75e2935eda42fc9 input=61ea9f5a649917e8]*/

/*[clinic input]
classes.Counter.reset

    cls: defining_class
    /
    start: Py_ssize_t = 0
    *
    quiet: bool = False

Start again from start.
[clinic start generated code]*/
fn counter_reset_impl<'a, 'py>(
    slf: Ref<'a, 'py, Counter>,
    cls: Borrowed<'a, 'py>,
    start: isize,
    quiet: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=981557d2b498df3e input=e790176a80d87355]*/

/*[clinic input]
classes.Counter.copy

    cls: defining_class

Return a copy.
[clinic start generated code]*/
fn counter_copy_impl<'a, 'py>(
    slf: Ref<'a, 'py, Counter>,
    cls: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=e63da544fbaeee29 input=18b1b202ac40fa9a]*/

/*[clinic input]
classes.BytesIO.read

    size: Py_ssize_t(accept={int, NoneType}, c_default="-1") = -1
    /

Read at most size bytes.
[clinic start generated code]*/
fn bytes_io_read_impl<'a, 'py>(
    slf: Ref<'a, 'py, crate::io::Buffer>,
    size: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=2c21ba379dccd9e2 input=9dd19baf60d7e713]*/

/*[clinic input]
classes.counter

    start: Py_ssize_t = 0

Make a counter.
[clinic start generated code]*/
fn counter_impl<'a, 'py>(module: Module<'a, 'py, State>, start: isize) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=b2c852a30151a5a9 input=0b86649c6defa968]*/

/*[clinic input]
class classes.Pair "Pair" subclassable
@classmethod
classes.Pair.__new__

    first: object
    /
    second: object = None
    *
    strict: bool = False

Make a pair.
[clinic start generated code]*/
fn pair_new_impl<'a, 'py>(
    cls: TypeRef<'a, 'py, Pair>,
    first: Borrowed<'a, 'py>,
    second: Borrowed<'a, 'py>,
    strict: bool,
) -> PyResult<Pair>
/*[clinic end generated code: output=bac0626df24de4d3 input=eecf4ceb21a104db]*/

/*[clinic input]
classes.Pair.__init__

    first: object
    /

Initialise a pair.
[clinic start generated code]*/
fn pair_init_impl<'a, 'py>(slf: Ref<'a, 'py, Pair>, first: Borrowed<'a, 'py>) -> PyResult<()>
/*[clinic end generated code: output=460120fcf8e0060b input=d24c474f2d80617b]*/

/*[clinic input]
classes.Pair.__call__ -> Py_ssize_t

    times: Py_ssize_t = 1
    /

[clinic start generated code]*/
fn pair_call_impl<'a, 'py>(slf: Ref<'a, 'py, Pair>, times: isize) -> PyResult<isize>
/*[clinic end generated code: output=e34fb9418be1e0ec input=e90b6fb4281ede6b]*/

/*[clinic input]
classes.Pair.__len__
[clinic start generated code]*/
fn pair_len_impl<'a, 'py>(slf: Ref<'a, 'py, Pair>) -> PyResult<usize>
/*[clinic end generated code: output=08102a20ab04e0f9 input=251229e56c060bf1]*/

/*[clinic input]
classes.Pair.__next__
[clinic start generated code]*/
fn pair_next_impl<'a, 'py>(slf: Ref<'a, 'py, Pair>) -> PyResult<Option<Owned<'py>>>
/*[clinic end generated code: output=af46870480774f8d input=a3bb7ab4e28ff633]*/

/*[clinic input]
classes.Pair.__hash__
[clinic start generated code]*/
fn pair_hash_impl<'a, 'py>(slf: Ref<'a, 'py, Pair>) -> PyResult<isize>
/*[clinic end generated code: output=f00b851692ebbeda input=271e17256c2a57cd]*/

/*[clinic input]
classes.Pair.__getitem__

    key: object
    /
[clinic start generated code]*/
fn pair_getitem_impl<'a, 'py>(
    slf: Ref<'a, 'py, Pair>,
    key: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=7edd3ad873422229 input=5847795e5f089d74]*/

/*[clinic input]
classes.Pair.__reduce__

Return state information for pickling.
[clinic start generated code]*/
fn pair_reduce_impl<'a, 'py>(slf: Ref<'a, 'py, Pair>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=3eb99b90730b77bf input=9eafe8fd4e8248af]*/

/*[clinic input]
@getter
classes.Pair.first

The first item.
[clinic start generated code]*/
fn pair_first_get_impl<'a, 'py>(slf: Ref<'a, 'py, Pair>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=29dbfd1ced607714 input=faa482e206554104]*/

/*[clinic input]
@setter
classes.Pair.first
[clinic start generated code]*/
fn pair_first_set_impl<'a, 'py>(
    slf: Ref<'a, 'py, Pair>,
    value: Option<Borrowed<'a, 'py>>,
) -> PyResult<()>
/*[clinic end generated code: output=3e68cd962ef31f0d input=513f515c70c68944]*/

/*[clinic input]
@getter
classes.Pair.second
[clinic start generated code]*/
fn pair_second_get_impl<'a, 'py>(slf: Ref<'a, 'py, Pair>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=89e60ad1e7691768 input=130670d31cf3d65c]*/

/*[clinic input]
@classmethod
classes.Counter.__new__

[clinic start generated code]*/
fn counter_new_impl<'a, 'py>(cls: TypeRef<'a, 'py, Counter>) -> PyResult<Counter>
/*[clinic end generated code: output=b04a23a6fc9a611b input=4ccc39fcc951427b]*/
