/* Sizes and offsets of the object structs as the C compiler lays them out from the headers the
 * crate is compiled against: the reference of the layout tests when the interpreter's own
 * report does not apply (header-only builds, e.g. Py_GIL_DISABLED headers). No Python calls. */
#include <Python.h>
#include <stddef.h>

size_t ferrocpy_layout_sizeof_PyObject(void) { return sizeof(PyObject); }
size_t ferrocpy_layout_sizeof_PyVarObject(void) { return sizeof(PyVarObject); }
size_t ferrocpy_layout_sizeof_PyListObject(void) { return sizeof(PyListObject); }
size_t ferrocpy_layout_sizeof_PyFloatObject(void) { return sizeof(PyFloatObject); }
size_t ferrocpy_layout_sizeof_PyByteArrayObject(void) { return sizeof(PyByteArrayObject); }
size_t ferrocpy_layout_sizeof_PyHeapTypeObject(void) { return sizeof(PyHeapTypeObject); }
size_t ferrocpy_layout_tuple_items_offset(void) { return offsetof(PyTupleObject, ob_item); }
size_t ferrocpy_layout_offsetof_ob_type(void) { return offsetof(PyObject, ob_type); }
#ifdef Py_GIL_DISABLED
size_t ferrocpy_layout_offsetof_ob_tid(void) { return offsetof(PyObject, ob_tid); }
size_t ferrocpy_layout_offsetof_ob_ref_local(void) { return offsetof(PyObject, ob_ref_local); }
size_t ferrocpy_layout_offsetof_ob_ref_shared(void) { return offsetof(PyObject, ob_ref_shared); }
#endif
