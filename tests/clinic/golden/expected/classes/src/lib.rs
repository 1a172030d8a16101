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
