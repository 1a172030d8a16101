/* Out-of-line copies of the C API's macros and static inline functions.
 *
 * Each function here is the C compiler's own expansion of the macro for the exact headers of
 * the target interpreter, so it is correct by construction for every build (release, debug,
 * free-threaded). The Rust side uses them as the slow path for builds it does not replicate,
 * and the self-test module checks every Rust replica against them.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

void ferrocpy_shim_Py_INCREF(PyObject *o) { Py_INCREF(o); }
void ferrocpy_shim_Py_DECREF(PyObject *o) { Py_DECREF(o); }
Py_ssize_t ferrocpy_shim_Py_REFCNT(PyObject *o) { return Py_REFCNT(o); }
PyTypeObject *ferrocpy_shim_Py_TYPE(PyObject *o) { return Py_TYPE(o); }
Py_ssize_t ferrocpy_shim_Py_SIZE(PyObject *o) { return Py_SIZE(o); }
PyObject *ferrocpy_shim_PyTuple_GET_ITEM(PyObject *o, Py_ssize_t i) { return PyTuple_GET_ITEM(o, i); }
Py_ssize_t ferrocpy_shim_PyTuple_GET_SIZE(PyObject *o) { return PyTuple_GET_SIZE(o); }
PyObject *ferrocpy_shim_PyList_GET_ITEM(PyObject *o, Py_ssize_t i) { return PyList_GET_ITEM(o, i); }
Py_ssize_t ferrocpy_shim_PyList_GET_SIZE(PyObject *o) { return PyList_GET_SIZE(o); }
void ferrocpy_shim_PyList_SET_ITEM(PyObject *o, Py_ssize_t i, PyObject *v) { PyList_SET_ITEM(o, i, v); }
char *ferrocpy_shim_PyBytes_AS_STRING(PyObject *o) { return PyBytes_AS_STRING(o); }
Py_ssize_t ferrocpy_shim_PyBytes_GET_SIZE(PyObject *o) { return PyBytes_GET_SIZE(o); }
char *ferrocpy_shim_PyByteArray_AS_STRING(PyObject *o) { return PyByteArray_AS_STRING(o); }
Py_ssize_t ferrocpy_shim_PyByteArray_GET_SIZE(PyObject *o) { return PyByteArray_GET_SIZE(o); }
double ferrocpy_shim_PyFloat_AS_DOUBLE(PyObject *o) { return PyFloat_AS_DOUBLE(o); }
Py_ssize_t ferrocpy_shim_PyUnicode_GET_LENGTH(PyObject *o) { return PyUnicode_GET_LENGTH(o); }
int ferrocpy_shim_PyUnicode_IS_ASCII(PyObject *o) { return PyUnicode_IS_ASCII(o); }
void *ferrocpy_shim_PyUnicode_DATA(PyObject *o) { return PyUnicode_DATA(o); }
int ferrocpy_shim_PyUnicode_KIND(PyObject *o) { return PyUnicode_KIND(o); }
Py_ssize_t ferrocpy_shim_PyVectorcall_NARGS(size_t n) { return PyVectorcall_NARGS(n); }

int ferrocpy_shim_PyLong_Check(PyObject *o) { return PyLong_Check(o); }
int ferrocpy_shim_PyLong_CheckExact(PyObject *o) { return PyLong_CheckExact(o); }
int ferrocpy_shim_PyBool_Check(PyObject *o) { return PyBool_Check(o); }
int ferrocpy_shim_PyFloat_Check(PyObject *o) { return PyFloat_Check(o); }
int ferrocpy_shim_PyFloat_CheckExact(PyObject *o) { return PyFloat_CheckExact(o); }
int ferrocpy_shim_PyBytes_Check(PyObject *o) { return PyBytes_Check(o); }
int ferrocpy_shim_PyByteArray_Check(PyObject *o) { return PyByteArray_Check(o); }
int ferrocpy_shim_PyUnicode_Check(PyObject *o) { return PyUnicode_Check(o); }
int ferrocpy_shim_PyTuple_Check(PyObject *o) { return PyTuple_Check(o); }
int ferrocpy_shim_PyList_Check(PyObject *o) { return PyList_Check(o); }
int ferrocpy_shim_PyList_CheckExact(PyObject *o) { return PyList_CheckExact(o); }
int ferrocpy_shim_PyDict_CheckExact(PyObject *o) { return PyDict_CheckExact(o); }
int ferrocpy_shim_PyExceptionInstance_Check(PyObject *o) { return PyExceptionInstance_Check(o); }
int ferrocpy_shim_PyDict_Check(PyObject *o) { return PyDict_Check(o); }
int ferrocpy_shim_PyType_Check(PyObject *o) { return PyType_Check(o); }
int ferrocpy_shim_PyExceptionClass_Check(PyObject *o) { return PyExceptionClass_Check(o); }

PyObject *ferrocpy_shim_Py_None(void) { return Py_None; }
PyObject *ferrocpy_shim_Py_True(void) { return Py_True; }
PyObject *ferrocpy_shim_Py_False(void) { return Py_False; }
PyObject *ferrocpy_shim_Py_NotImplemented(void) { return Py_NotImplemented; }

/* Static inline before 3.11, exported functions since. */
PyObject *ferrocpy_shim_PyObject_Vectorcall(PyObject *c, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    return PyObject_Vectorcall(c, args, nargsf, kwnames);
}
PyObject *ferrocpy_shim_PyObject_CallOneArg(PyObject *c, PyObject *arg) { return PyObject_CallOneArg(c, arg); }

/* PyUnstable_Long_IsCompact, then PyUnstable_Long_CompactValue (static inline since 3.12):
   1 with *value set for a compact int, 0 for another int, -1 before 3.12 (no such API). */
int ferrocpy_shim_long_compact(PyObject *o, Py_ssize_t *value) {
#if PY_VERSION_HEX >= 0x030C0000
    if (!PyUnstable_Long_IsCompact((PyLongObject *)o)) {
        return 0;
    }
    *value = PyUnstable_Long_CompactValue((PyLongObject *)o);
    return 1;
#else
    (void)o;
    (void)value;
    return -1;
#endif
}
