/* Everything the bindings cover: the full (non-limited) C API of the target interpreter. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
